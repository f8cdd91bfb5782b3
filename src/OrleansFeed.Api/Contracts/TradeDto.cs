using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts;

/// <summary>One public trade (<c>GET /api/v1/trades/...</c> and the ticker's last trade).</summary>
/// <param name="Id">Venue trade id; 0 when the venue sends none.</param>
/// <param name="Price">Price in quote currency, decimal string.</param>
/// <param name="Size">Size in base units, decimal string.</param>
/// <param name="Side">Aggressor (taker) side: <c>buy</c>, <c>sell</c> or <c>unknown</c>.</param>
/// <param name="ExchangeTime">Venue trade time, ISO-8601 UTC µs; null when none.</param>
/// <param name="ReceiveTime">Our receive time, ISO-8601 UTC µs; null when none.</param>
public sealed record TradeDto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("size")] string Size,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("exchangeTime")] string? ExchangeTime,
    [property: JsonPropertyName("receiveTime")] string? ReceiveTime);
