namespace OrleansFeed.Grains.Aggregation;

public sealed partial class AggregatorGrain
{
    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _state.ReadStateAsync(cancellationToken);
            var state = _state.RecordExists ? _state.State : null;
            if (state is null || state.Version != AggregatorState.CurrentVersion)
            {
                return;
            }

            _tradeWatermark = state.TradeWatermark;
            Restore(_consolidated, state.Consolidated);
            foreach (var venue in state.Venues)
            {
                if (_mirrors.Find(m => string.Equals(m.Key, venue.Book, StringComparison.Ordinal)) is { } mirror)
                {
                    Restore(mirror.Trades, venue.Series);
                }
            }

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
            var state = new AggregatorState(
                AggregatorState.CurrentVersion,
                _tradeWatermark,
                Export(_consolidated),
                [.. _mirrors.Select(m => new VenueSeriesState(m.Key, Export(m.Trades)))]);
            _state.State = state;
            await _state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStateFailed(_logger, GrainKey, "save", ex.Message);
        }
    }

    private static TradeSeriesState Export(TradeSeries series) =>
        new(series.Stats.ExportState(), [.. series.Candles.Select(c => c.ExportState())]);

    private static void Restore(TradeSeries series, TradeSeriesState state)
    {
        series.Stats.RestoreState(state.Stats);
        foreach (var candles in state.Candles)
        {
            series.Builder(candles.Interval).RestoreState(candles);
        }
    }
}
