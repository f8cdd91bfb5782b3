using Orleans;
using OrleansFeed.Core.Aggregation.Stats;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>24 h rolling statistics of an instrument, consolidated and per venue book, computed from trades.</summary>
/// <param name="Instrument">The aggregator key.</param>
/// <param name="AsOf">The window end: the aggregation clock's now (UTC, µs).</param>
/// <param name="Consolidated">Over every venue's trades.</param>
/// <param name="Venues">Per venue book, ordered by venue then symbol.</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.AggregatedStats")]
public sealed record AggregatedStats(
    string Instrument,
    Timestamp AsOf,
    RollingStatsSnapshot Consolidated,
    IReadOnlyList<VenueStats> Venues);

/// <summary>One venue book's rolling statistics.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Symbol">Native symbol.</param>
/// <param name="Stats">The statistics.</param>
/// <param name="Ticker">Our statistics against the venue's own 24 h ticker; null when the venue sent none.</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.VenueStats")]
public sealed record VenueStats(string Venue, string Symbol, RollingStatsSnapshot Stats, VenueTickerComparison? Ticker = null);
