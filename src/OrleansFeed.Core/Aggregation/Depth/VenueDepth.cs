using OrleansFeed.Core.Books;

namespace OrleansFeed.Core.Aggregation.Depth;

/// <summary>One venue's book levels as input to <see cref="ConsolidatedDepth.Merge"/>.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Bids">Bid levels, any order; price in quote currency, size in base units. Zero or negative sizes are skipped.</param>
/// <param name="Asks">Ask levels, any order.</param>
public readonly record struct VenueDepth(string Venue, IReadOnlyList<BookLevel> Bids, IReadOnlyList<BookLevel> Asks);
