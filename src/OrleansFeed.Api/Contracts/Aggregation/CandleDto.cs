using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts.Aggregation;

/// <summary>Candles of one interval (<c>GET /api/v1/candles/{instrument}</c>).</summary>
/// <param name="Instrument">Aggregator key.</param>
/// <param name="Venue">Venue id; null for consolidated candles.</param>
/// <param name="Interval"><c>1m</c>, <c>5m</c>, <c>15m</c>, <c>1h</c>, <c>4h</c> or <c>1d</c>.</param>
/// <param name="Candles">Oldest first; the last may be open.</param>
public sealed record CandlesDto(
    [property: JsonPropertyName("instrument")] string Instrument,
    [property: JsonPropertyName("venue")] string? Venue,
    [property: JsonPropertyName("interval")] string Interval,
    [property: JsonPropertyName("candles")] IReadOnlyList<CandleDto> Candles);

/// <summary>One OHLCV candle <c>[start, end)</c>, UTC-aligned. Prices and volumes are decimal strings.</summary>
/// <param name="Instrument">Aggregator key.</param>
/// <param name="Venue">Venue id; null for consolidated.</param>
/// <param name="Interval">Interval name.</param>
/// <param name="Start">Inclusive start, ISO-8601 UTC µs.</param>
/// <param name="End">Exclusive end, ISO-8601 UTC µs.</param>
/// <param name="Open">Open, quote currency (the previous close when empty).</param>
/// <param name="High">High.</param>
/// <param name="Low">Low.</param>
/// <param name="Close">Close.</param>
/// <param name="Volume">Base volume.</param>
/// <param name="QuoteVolume">Quote volume.</param>
/// <param name="Vwap">VWAP; null when empty.</param>
/// <param name="TradeCount">Trades.</param>
/// <param name="Closed">False for the open candle.</param>
/// <param name="Empty">True when no trade fell in the interval.</param>
/// <param name="Amended">True when a late trade changed the candle after it closed.</param>
public sealed record CandleDto(
    [property: JsonPropertyName("instrument")] string Instrument,
    [property: JsonPropertyName("venue")] string? Venue,
    [property: JsonPropertyName("interval")] string Interval,
    [property: JsonPropertyName("start")] string? Start,
    [property: JsonPropertyName("end")] string? End,
    [property: JsonPropertyName("open")] string Open,
    [property: JsonPropertyName("high")] string High,
    [property: JsonPropertyName("low")] string Low,
    [property: JsonPropertyName("close")] string Close,
    [property: JsonPropertyName("volume")] string Volume,
    [property: JsonPropertyName("quoteVolume")] string QuoteVolume,
    [property: JsonPropertyName("vwap")] string? Vwap,
    [property: JsonPropertyName("tradeCount")] long TradeCount,
    [property: JsonPropertyName("closed")] bool Closed,
    [property: JsonPropertyName("empty")] bool Empty,
    [property: JsonPropertyName("amended")] bool Amended);
