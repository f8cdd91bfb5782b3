using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Quotes;

/// <summary>A venue's own best bid/offer (L1) message, e.g. Binance <c>bookTicker</c>.</summary>
/// <param name="UpdateId">Venue's order-book update id at this BBO (Binance <c>u</c>).</param>
/// <param name="BidPrice">Best bid price, quote currency.</param>
/// <param name="BidSize">Size at the best bid, base units.</param>
/// <param name="AskPrice">Best ask price, quote currency.</param>
/// <param name="AskSize">Size at the best ask, base units.</param>
/// <param name="ExchangeTime">Venue event time (UTC, µs); <see cref="Timestamp.None"/> when the venue sends none (Binance spot).</param>
/// <param name="ReceiveTime">Our receive time (UTC, µs).</param>
public readonly record struct BestBidOffer(
    long UpdateId,
    FixedDecimal BidPrice,
    FixedDecimal BidSize,
    FixedDecimal AskPrice,
    FixedDecimal AskSize,
    Timestamp ExchangeTime,
    Timestamp ReceiveTime);
