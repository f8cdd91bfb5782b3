using Orleans;
using OrleansFeed.Core.Aggregation.Depth;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>Consolidated depth of an instrument: top price levels merged across the NBBO-eligible venues.</summary>
/// <param name="Instrument">The aggregator key.</param>
/// <param name="Bids">Bid levels, best (highest) first, each with total and per-venue size (base units).</param>
/// <param name="Asks">Ask levels, best (lowest) first.</param>
/// <param name="Venues">The venues merged (eligible at <paramref name="AsOf"/>), ordered by venue id.</param>
/// <param name="AsOf">When the view was taken (UTC, µs).</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.AggregatedDepth")]
public sealed record AggregatedDepth(
    string Instrument,
    IReadOnlyList<ConsolidatedLevel> Bids,
    IReadOnlyList<ConsolidatedLevel> Asks,
    IReadOnlyList<string> Venues,
    Timestamp AsOf);
