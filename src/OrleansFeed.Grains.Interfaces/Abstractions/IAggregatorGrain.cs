using Orleans;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>
/// Consolidated market data of one instrument across venues: NBBO, consolidated depth, 24 h rolling statistics and
/// candles, computed from the venues' own book deltas and trades (never copied from venue tickers).
/// Key: the NBBO group key of a canonical instrument (<c>NbboGrouping.GroupKey</c>): the canonical name itself
/// (<c>BTC-USDT</c>, <c>BTC-USDT-PERP</c>) under the default quote-currency policy, or the merged USD key
/// (<c>BTC-USD*</c>) when USD stablecoins are treated as one. Publishes on <see cref="StreamNamespaces.Nbbo"/>,
/// <see cref="StreamNamespaces.Stats"/> and <see cref="StreamNamespaces.Candles"/> under the same key.
/// </summary>
/// <remarks>Calls run one turn at a time on the activation; every answer is a consistent view taken within one turn.
/// The rules are in docs/aggregation.md.</remarks>
[Alias("OrleansFeed.IAggregatorGrain")]
public interface IAggregatorGrain : IGrainWithStringKey
{
    /// <summary>Activates the grain (subscribing it to its venues' book and trade streams) if it is not active yet.</summary>
    /// <returns>Completes when active and the venues' first snapshots are loaded.</returns>
    Task EnsureActiveAsync();

    /// <summary>The current NBBO (raw and fee-adjusted) with each venue's quote and eligibility.</summary>
    /// <returns>The NBBO as of now (staleness evaluated at the call).</returns>
    Task<AggregatedNbbo> GetNbboAsync();

    /// <summary>Top <paramref name="levels"/> price levels per side merged across the eligible venues.</summary>
    /// <param name="levels">Levels per side, 1..1000 (clamped).</param>
    /// <returns>The consolidated depth.</returns>
    Task<AggregatedDepth> GetDepthAsync(int levels);

    /// <summary>Size-aware price: the VWAP to fill <paramref name="size"/> across the eligible venues' books.</summary>
    /// <param name="side">Buy walks the asks, sell walks the bids.</param>
    /// <param name="size">Size in base units; zero or negative gives an empty result.</param>
    /// <param name="mode">Rank levels by displayed price, or by taker-fee-adjusted price (fees from configuration).</param>
    /// <returns>The sweep outcome.</returns>
    Task<SweepResult> GetSweepAsync(SweepSide side, decimal size, NbboPriceMode mode);

    /// <summary>24 h rolling statistics per venue and consolidated, as of now.</summary>
    /// <returns>The statistics.</returns>
    Task<AggregatedStats> GetStatsAsync();

    /// <summary>Candles of one interval whose start is in <c>[start, end)</c>, oldest first, the open candle included.</summary>
    /// <param name="interval">The interval.</param>
    /// <param name="start">Inclusive lower bound on candle start (UTC, µs).</param>
    /// <param name="end">Exclusive upper bound on candle start (UTC, µs).</param>
    /// <param name="venue">A venue id for that venue's candles; null for the consolidated candles.</param>
    /// <returns>The candles; empty for an unknown venue.</returns>
    Task<CandleSeries> GetCandlesAsync(CandleInterval interval, Timestamp start, Timestamp end, string? venue);

    /// <summary>Latency percentiles of NBBO updates since activation.</summary>
    /// <returns>The latency summary.</returns>
    Task<NbboLatency> GetLatencyAsync();
}
