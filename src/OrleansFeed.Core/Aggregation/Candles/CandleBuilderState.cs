namespace OrleansFeed.Core.Aggregation.Candles;

/// <summary>
/// The persistable state of a <see cref="CandleBuilder"/>: the open candle and the closed candles kept for queries and
/// amendment. JSON-friendly (prices as exact decimal strings). Candles emitted but not yet taken are not included.
/// </summary>
/// <param name="Interval">The builder's interval; a state is only restored into a builder of the same interval.</param>
/// <param name="Sequence">The next arrival sequence.</param>
/// <param name="Open">The open candle; null before the first trade.</param>
/// <param name="History">Closed candles, oldest first.</param>
public sealed record CandleBuilderState(CandleInterval Interval, long Sequence, CandleState? Open, IReadOnlyList<CandleState> History);

/// <summary>One candle of a <see cref="CandleBuilderState"/>.</summary>
/// <param name="Start">Inclusive start (UTC, µs).</param>
/// <param name="Open">Open price, decimal string.</param>
/// <param name="High">High price, decimal string.</param>
/// <param name="Low">Low price, decimal string.</param>
/// <param name="Close">Close price, decimal string.</param>
/// <param name="Volume">Σ size, base units.</param>
/// <param name="QuoteVolume">Σ price × size, quote currency.</param>
/// <param name="TradeCount">Trades.</param>
/// <param name="IsAmended">True when amended by a late trade.</param>
/// <param name="FirstTime">Exchange time of the opening trade (UTC, µs).</param>
/// <param name="FirstSequence">Arrival sequence of the opening trade.</param>
/// <param name="LastTime">Exchange time of the closing trade (UTC, µs).</param>
/// <param name="LastSequence">Arrival sequence of the closing trade.</param>
public sealed record CandleState(
    long Start,
    string Open,
    string High,
    string Low,
    string Close,
    decimal Volume,
    decimal QuoteVolume,
    long TradeCount,
    bool IsAmended,
    long FirstTime,
    long FirstSequence,
    long LastTime,
    long LastSequence);
