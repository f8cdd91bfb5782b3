namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>The outcome of sweeping the consolidated book for a size.</summary>
/// <param name="Side">Buy (walked asks) or sell (walked bids).</param>
/// <param name="PriceMode">How levels were ranked: displayed prices, or fee-adjusted all-in prices.</param>
/// <param name="RequestedSize">The size asked for, base units.</param>
/// <param name="FilledSize">The size the given levels could fill, base units; below the request when the levels ran out.</param>
/// <param name="Notional">Σ displayed price × filled size, quote currency, before fees.</param>
/// <param name="Vwap">Notional / FilledSize: average displayed price, quote currency; null when nothing filled.</param>
/// <param name="AllInNotional">Σ fee-adjusted price × filled size, quote currency (what a buyer pays or a seller receives after taker fees).</param>
/// <param name="AllInVwap">AllInNotional / FilledSize, quote currency; null when nothing filled.</param>
/// <param name="Fills">Per-venue fills, in the order the venues were added, venues with no fill left out.</param>
public sealed record SweepResult(
    SweepSide Side,
    NbboPriceMode PriceMode,
    decimal RequestedSize,
    decimal FilledSize,
    decimal Notional,
    decimal? Vwap,
    decimal AllInNotional,
    decimal? AllInVwap,
    IReadOnlyList<VenueFill> Fills)
{
    /// <summary>True when the whole requested size was filled.</summary>
    public bool IsComplete => FilledSize == RequestedSize && RequestedSize > 0m;
}
