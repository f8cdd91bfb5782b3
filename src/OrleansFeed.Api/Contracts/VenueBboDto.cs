using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts;

/// <summary>The venue's own last best bid/offer message (Binance <c>bookTicker</c>).</summary>
/// <param name="UpdateId">Venue order-book update id at this BBO.</param>
/// <param name="BidPrice">Best bid price, quote currency, decimal string.</param>
/// <param name="BidSize">Size at the best bid, base units, decimal string.</param>
/// <param name="AskPrice">Best ask price, decimal string.</param>
/// <param name="AskSize">Size at the best ask, decimal string.</param>
/// <param name="ExchangeTime">Venue event time, ISO-8601 UTC µs; null when the venue sends none.</param>
/// <param name="ReceiveTime">Our receive time, ISO-8601 UTC µs.</param>
public sealed record VenueBboDto(
    [property: JsonPropertyName("updateId")] long UpdateId,
    [property: JsonPropertyName("bidPrice")] string BidPrice,
    [property: JsonPropertyName("bidSize")] string BidSize,
    [property: JsonPropertyName("askPrice")] string AskPrice,
    [property: JsonPropertyName("askSize")] string AskSize,
    [property: JsonPropertyName("exchangeTime")] string? ExchangeTime,
    [property: JsonPropertyName("receiveTime")] string? ReceiveTime);
