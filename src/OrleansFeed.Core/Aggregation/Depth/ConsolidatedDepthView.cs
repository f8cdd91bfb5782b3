namespace OrleansFeed.Core.Aggregation.Depth;

/// <summary>A consolidated depth view: top levels per side merged across venues.</summary>
/// <param name="Bids">Bid levels, best (highest) price first.</param>
/// <param name="Asks">Ask levels, best (lowest) price first.</param>
public sealed record ConsolidatedDepthView(IReadOnlyList<ConsolidatedLevel> Bids, IReadOnlyList<ConsolidatedLevel> Asks);
