namespace OrleansFeed.Grains.Aggregation;

public sealed partial class AggregatorGrain
{
    /// <summary>
    /// When this instrument's first save is due: a fixed fraction of <see cref="AggregationOptions.SaveInterval"/>
    /// taken from a hash of the key, so the instruments of a silo save spread over the interval instead of all at once
    /// (and stay spread: every one then saves once per interval).
    /// </summary>
    internal static TimeSpan FirstSaveDelay(string key, TimeSpan saveInterval)
    {
        // FNV-1a: stable across processes and runs (string.GetHashCode is randomized per process).
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var fraction = hash / (double)uint.MaxValue;
        return TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (long)(saveInterval.Ticks * fraction)));
    }

    // The stored names of the series: "all" for the consolidated one, the book key for a venue's.
    private List<(string Name, TradeSeries Series)> StoredSeries() =>
        [("all", _consolidated), .. _mirrors.Select(m => (m.Key, m.Trades))];

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _store.RestoreAsync(StoredSeries(), cancellationToken) is not { } watermark)
            {
                return;
            }

            _tradeWatermark = watermark;

            // Candles that came due while the grain was inactive close now, carrying their previous close.
            var now = TradeNow();
            _consolidated.Advance(now);
            foreach (var mirror in _mirrors)
            {
                mirror.Trades.Advance(now);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A state we cannot read is dropped, not fatal: the aggregates rebuild from new trades.
            _consolidated.Clear(_candleOptions);
            foreach (var mirror in _mirrors)
            {
                mirror.Trades.Clear(_candleOptions);
            }

            LogStateFailed(_logger, GrainKey, "restore", ex.Message);
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_consolidated is null)
        {
            return;
        }

        try
        {
            await _store.SaveAsync(StoredSeries(), _tradeWatermark, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The changes stay marked: the next save writes them.
            LogStateFailed(_logger, GrainKey, "save", ex.Message);
        }
    }
}
