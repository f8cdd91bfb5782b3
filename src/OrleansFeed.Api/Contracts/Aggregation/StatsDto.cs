using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts.Aggregation;

/// <summary>24 h rolling statistics (<c>GET /api/v1/stats/{instrument}</c>, WebSocket channel <c>stats</c>).</summary>
/// <param name="Instrument">Aggregator key.</param>
/// <param name="AsOf">Window end, ISO-8601 UTC µs.</param>
/// <param name="Consolidated">Over every venue's trades.</param>
/// <param name="Venues">Per venue book.</param>
public sealed record StatsDto(
    [property: JsonPropertyName("instrument")] string Instrument,
    [property: JsonPropertyName("asOf")] string? AsOf,
    [property: JsonPropertyName("consolidated")] StatsWindowDto Consolidated,
    [property: JsonPropertyName("venues")] IReadOnlyList<VenueStatsDto> Venues);

/// <summary>One venue book's statistics.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Symbol">Native symbol.</param>
/// <param name="Stats">The window.</param>
public sealed record VenueStatsDto(
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("stats")] StatsWindowDto Stats);

/// <summary>One rolling window <c>(windowStart, windowEnd]</c>. Prices in quote currency and volumes as decimal strings.</summary>
/// <param name="WindowStart">Exclusive start, ISO-8601 UTC µs.</param>
/// <param name="WindowEnd">Inclusive end, ISO-8601 UTC µs.</param>
/// <param name="TradeCount">Trades in the window.</param>
/// <param name="Open">First trade price; null when no trades.</param>
/// <param name="High">Highest price; null when no trades.</param>
/// <param name="Low">Lowest price; null when no trades.</param>
/// <param name="Last">Last trade price; null when no trades.</param>
/// <param name="BaseVolume">Σ size, base units.</param>
/// <param name="QuoteVolume">Σ price × size, quote currency.</param>
/// <param name="Vwap">Quote volume / base volume; null when no trades.</param>
/// <param name="PriceChange">Last − open; null when no trades.</param>
/// <param name="PriceChangePercent">(Last − open) / open × 100; null when no trades.</param>
/// <param name="Exact">False when the window edge fell in an overflowed bucket (see docs/aggregation.md).</param>
public sealed record StatsWindowDto(
    [property: JsonPropertyName("windowStart")] string? WindowStart,
    [property: JsonPropertyName("windowEnd")] string? WindowEnd,
    [property: JsonPropertyName("tradeCount")] long TradeCount,
    [property: JsonPropertyName("open")] string? Open,
    [property: JsonPropertyName("high")] string? High,
    [property: JsonPropertyName("low")] string? Low,
    [property: JsonPropertyName("last")] string? Last,
    [property: JsonPropertyName("baseVolume")] string BaseVolume,
    [property: JsonPropertyName("quoteVolume")] string QuoteVolume,
    [property: JsonPropertyName("vwap")] string? Vwap,
    [property: JsonPropertyName("priceChange")] string? PriceChange,
    [property: JsonPropertyName("priceChangePercent")] string? PriceChangePercent,
    [property: JsonPropertyName("exact")] bool Exact);
