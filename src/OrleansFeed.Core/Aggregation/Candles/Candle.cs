using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Aggregation.Candles;

/// <summary>One OHLCV candle covering <c>[Start, End)</c> in exchange time.</summary>
/// <param name="Interval">The interval.</param>
/// <param name="Start">Inclusive start (UTC, µs), aligned per <see cref="CandleIntervals.Floor"/>.</param>
/// <param name="End">Exclusive end (UTC, µs): <c>Start</c> + interval.</param>
/// <param name="Open">First trade price by exchange time (ties: first received), quote currency; the previous close when empty.</param>
/// <param name="High">Highest trade price; the previous close when empty.</param>
/// <param name="Low">Lowest trade price; the previous close when empty.</param>
/// <param name="Close">Last trade price by exchange time (ties: last received); the previous close when empty.</param>
/// <param name="Volume">Σ size, base units, exact; zero when empty.</param>
/// <param name="QuoteVolume">Σ price × size, quote currency, exact; zero when empty.</param>
/// <param name="TradeCount">Number of trades.</param>
/// <param name="IsClosed">True once <c>End</c> has passed; false for the open (current) candle.</param>
/// <param name="IsEmpty">True when no trade fell in the interval (prices carry the previous close).</param>
/// <param name="IsAmended">True when a late trade changed the candle after it closed (within the grace period).</param>
public readonly record struct Candle(
    CandleInterval Interval,
    Timestamp Start,
    Timestamp End,
    FixedDecimal Open,
    FixedDecimal High,
    FixedDecimal Low,
    FixedDecimal Close,
    decimal Volume,
    decimal QuoteVolume,
    long TradeCount,
    bool IsClosed,
    bool IsEmpty,
    bool IsAmended)
{
    /// <summary>QuoteVolume / Volume, quote currency; null when the candle is empty.</summary>
    public decimal? Vwap => Volume > 0m ? QuoteVolume / Volume : null;
}
