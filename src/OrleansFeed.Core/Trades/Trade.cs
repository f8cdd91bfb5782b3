using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Trades;

/// <summary>One public trade (or one aggregate trade, where the venue aggregates fills per taker order).</summary>
/// <param name="TradeId">Venue trade id (Binance <c>aggTrade.a</c>); numeric ids only, 0 when the venue sends none.</param>
/// <param name="Price">Price in quote currency, exact.</param>
/// <param name="Size">Size in base units (or contracts), exact.</param>
/// <param name="Aggressor">Taker side (Binance: <c>m</c> = buyer is maker ⇒ taker sold).</param>
/// <param name="ExchangeTime">Venue trade time (UTC, µs resolution; Binance sends ms).</param>
/// <param name="ReceiveTime">Our receive time of the frame (UTC, µs).</param>
public readonly record struct Trade(
    long TradeId,
    FixedDecimal Price,
    FixedDecimal Size,
    AggressorSide Aggressor,
    Time.Timestamp ExchangeTime,
    Time.Timestamp ReceiveTime);
