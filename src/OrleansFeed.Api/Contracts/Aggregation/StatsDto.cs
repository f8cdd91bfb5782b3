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
/// <param name="Ticker">The venue's own 24 h ticker and our difference to it; null when the venue sends none.</param>
public sealed record VenueStatsDto(
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("stats")] StatsWindowDto Stats,
    [property: JsonPropertyName("ticker")] VenueTickerDto? Ticker);

/// <summary>
/// A venue's own 24 h ticker against our window (issue 4 item 3). Decimal strings; null where the venue gives no
/// value. Meaningful only when <paramref name="WindowComplete"/> is true: our window holds only the trades received
/// since start, so before 24 h of them the difference mostly measures the missing history.
/// </summary>
/// <param name="Open">The venue's 24 h open, quote currency.</param>
/// <param name="High">The venue's 24 h high, quote currency.</param>
/// <param name="Low">The venue's 24 h low, quote currency.</param>
/// <param name="Last">The venue's last price, quote currency.</param>
/// <param name="Volume">The venue's 24 h volume, in the unit of its trade sizes (base units; contracts on OKX derivatives).</param>
/// <param name="ExchangeTime">Venue time of the ticker, ISO-8601 UTC µs; null when the venue sends none.</param>
/// <param name="ReceiveTime">Our receive time of the ticker, ISO-8601 UTC µs.</param>
/// <param name="Difference">Ours minus the venue's.</param>
/// <param name="WindowComplete">True once our window holds 24 h of trades (first trade received at or before the window start).</param>
public sealed record VenueTickerDto(
    [property: JsonPropertyName("open")] string? Open,
    [property: JsonPropertyName("high")] string? High,
    [property: JsonPropertyName("low")] string? Low,
    [property: JsonPropertyName("last")] string Last,
    [property: JsonPropertyName("volume")] string? Volume,
    [property: JsonPropertyName("exchangeTime")] string? ExchangeTime,
    [property: JsonPropertyName("receiveTime")] string? ReceiveTime,
    [property: JsonPropertyName("difference")] TickerDifferenceDto Difference,
    [property: JsonPropertyName("windowComplete")] bool WindowComplete);

/// <summary>Ours minus the venue's, decimal strings; null where the venue gave no value (volume percent also when its volume is zero).</summary>
/// <param name="Volume">Base volume difference, in the venue's volume unit.</param>
/// <param name="VolumePercent">(ours − venue) / venue × 100.</param>
/// <param name="Last">Last price difference, quote currency.</param>
/// <param name="High">High difference, quote currency.</param>
/// <param name="Low">Low difference, quote currency.</param>
public sealed record TickerDifferenceDto(
    [property: JsonPropertyName("volume")] string? Volume,
    [property: JsonPropertyName("volumePercent")] string? VolumePercent,
    [property: JsonPropertyName("last")] string? Last,
    [property: JsonPropertyName("high")] string? High,
    [property: JsonPropertyName("low")] string? Low);

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
