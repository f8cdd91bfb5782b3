namespace OrleansFeed.Core.Aggregation.Stats;

/// <summary>
/// The persistable state of a <see cref="RollingTradeStats"/> window: its live buckets with their kept trades. Plain
/// JSON-friendly values (prices and sizes as exact decimal strings) so any grain storage provider can hold it.
/// </summary>
/// <param name="Cutoff">The window start reached (UTC, µs, exclusive); <see cref="long.MinValue"/> before the first eviction.</param>
/// <param name="Sequence">The next arrival sequence (tie-breaker of equal exchange times).</param>
/// <param name="Buckets">Live buckets, oldest first.</param>
public sealed record RollingTradeStatsState(long Cutoff, long Sequence, IReadOnlyList<TradeBucketState> Buckets);

/// <summary>One bucket of a <see cref="RollingTradeStatsState"/>.</summary>
/// <param name="Index">Bucket index: its start is <c>Index × BucketWidth</c> (UTC, µs from the epoch).</param>
/// <param name="Count">Trades in the bucket.</param>
/// <param name="Volume">Σ size, base units.</param>
/// <param name="Quote">Σ price × size, quote currency.</param>
/// <param name="High">Highest price, decimal string.</param>
/// <param name="Low">Lowest price, decimal string.</param>
/// <param name="First">Earliest trade (by exchange time, then arrival).</param>
/// <param name="Last">Latest trade.</param>
/// <param name="Detail">The kept trades, in arrival order (at most <see cref="RollingTradeStatsOptions.MaxTradesPerBucket"/>).</param>
/// <param name="Overflowed">True when the bucket held more trades than it kept.</param>
public sealed record TradeBucketState(
    long Index,
    long Count,
    decimal Volume,
    decimal Quote,
    string High,
    string Low,
    TradePointState First,
    TradePointState Last,
    IReadOnlyList<TradePointState> Detail,
    bool Overflowed);

/// <summary>One kept trade of a <see cref="TradeBucketState"/>.</summary>
/// <param name="Time">Exchange time (UTC, µs).</param>
/// <param name="Price">Price, quote currency, decimal string.</param>
/// <param name="Size">Size, base units, decimal string.</param>
/// <param name="Sequence">Arrival sequence.</param>
public sealed record TradePointState(long Time, string Price, string Size, long Sequence);
