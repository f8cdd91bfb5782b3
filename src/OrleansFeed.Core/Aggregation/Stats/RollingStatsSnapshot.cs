using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Aggregation.Stats;

/// <summary>Rolling-window trade statistics at one instant (a 24 h ticker).</summary>
/// <param name="WindowStart">Exclusive start of the window, <c>now − Window</c> (UTC, µs).</param>
/// <param name="WindowEnd">Inclusive end of the window, <c>now</c> (UTC, µs).</param>
/// <param name="TradeCount">Trades in the window.</param>
/// <param name="Open">Price of the earliest trade in the window (by exchange time; ties: first received), quote currency; zero when no trades.</param>
/// <param name="High">Highest trade price in the window; zero when no trades.</param>
/// <param name="Low">Lowest trade price in the window; zero when no trades.</param>
/// <param name="Last">Price of the latest trade (by exchange time; ties: last received); zero when no trades.</param>
/// <param name="BaseVolume">Σ size, base units, exact.</param>
/// <param name="QuoteVolume">Σ price × size, quote currency, exact.</param>
/// <param name="Vwap">QuoteVolume / BaseVolume, quote currency; null when no trades.</param>
/// <param name="PriceChange">Last − Open, quote currency; zero when no trades.</param>
/// <param name="PriceChangePercent">(Last − Open) / Open × 100, in percent (full decimal precision); null when no trades.</param>
/// <param name="FirstTradeTime">Exchange time of the open trade (UTC, µs); <see cref="Timestamp.None"/> when no trades.</param>
/// <param name="LastTradeTime">Exchange time of the last trade (UTC, µs); <see cref="Timestamp.None"/> when no trades.</param>
/// <param name="IsExact">False only when the bucket straddling the window start held more than
/// <see cref="RollingTradeStatsOptions.MaxTradesPerBucket"/> trades; that bucket is then counted whole.</param>
public sealed record RollingStatsSnapshot(
    Timestamp WindowStart,
    Timestamp WindowEnd,
    long TradeCount,
    FixedDecimal Open,
    FixedDecimal High,
    FixedDecimal Low,
    FixedDecimal Last,
    decimal BaseVolume,
    decimal QuoteVolume,
    decimal? Vwap,
    decimal PriceChange,
    decimal? PriceChangePercent,
    Timestamp FirstTradeTime,
    Timestamp LastTradeTime,
    bool IsExact);
