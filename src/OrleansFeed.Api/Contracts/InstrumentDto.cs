using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts;

/// <summary>One instrument served by the silo (<c>GET /api/v1/instruments</c>).</summary>
/// <param name="Venue">Venue id, lower case, e.g. <c>binance</c>.</param>
/// <param name="Symbol">Native symbol as the venue spells it, e.g. <c>BTCUSDT</c>.</param>
/// <param name="Instrument">Canonical instrument, e.g. <c>BTC-USDT</c> or <c>BTC-USDT-PERP</c>.</param>
/// <param name="Kind"><c>spot</c>, <c>perpetual</c>, <c>future</c> or <c>option</c>.</param>
/// <param name="Base">Base asset (canonical).</param>
/// <param name="Quote">Quote asset; prices are in this currency.</param>
/// <param name="TickSize">Price increment in quote currency as a decimal string; <c>"0"</c> when unknown.</param>
/// <param name="LotSize">Size increment in base units as a decimal string; <c>"0"</c> when unknown.</param>
/// <param name="Status"><c>unknown</c>, <c>trading</c>, <c>halted</c>, <c>cancel-only</c> or <c>closed</c>.</param>
public sealed record InstrumentDto(
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("instrument")] string Instrument,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("base")] string Base,
    [property: JsonPropertyName("quote")] string Quote,
    [property: JsonPropertyName("tickSize")] string TickSize,
    [property: JsonPropertyName("lotSize")] string LotSize,
    [property: JsonPropertyName("status")] string Status);
