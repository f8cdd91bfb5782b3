namespace OrleansFeed.Core.Aggregation.Stats;

/// <summary>Compares our rolling 24 h statistics with a venue's own ticker.</summary>
/// <remarks>
/// Venues compute their windows differently (Binance buckets by minute, others reset at 00:00 UTC), so small
/// differences are expected; the caller sets alert thresholds. Pure function.
/// </remarks>
public static class TickerComparison
{
    /// <summary>Ours minus theirs for volume, last, high and low.</summary>
    /// <param name="ours">Our snapshot for the venue-instrument.</param>
    /// <param name="theirs">The venue's ticker.</param>
    /// <returns>The differences; fields the venue did not give are null.</returns>
    public static TickerDifference Compare(RollingStatsSnapshot ours, VenueTicker theirs)
    {
        ArgumentNullException.ThrowIfNull(ours);
        decimal? volume = theirs.BaseVolume is { } v ? ours.BaseVolume - v : null;
        decimal? percent = theirs.BaseVolume is { } pv && pv != 0m ? (ours.BaseVolume - pv) / pv * 100m : null;
        return new TickerDifference(
            volume,
            percent,
            theirs.Last is { } l ? ours.Last.ToDecimal() - l : null,
            theirs.High is { } h ? ours.High.ToDecimal() - h : null,
            theirs.Low is { } lo ? ours.Low.ToDecimal() - lo : null);
    }
}
