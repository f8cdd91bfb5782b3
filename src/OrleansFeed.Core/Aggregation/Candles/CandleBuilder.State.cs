namespace OrleansFeed.Core.Aggregation.Candles;

public sealed partial class CandleBuilder
{
    /// <summary>Copies the open candle and the kept closed candles into a persistable state (allocates).</summary>
    /// <returns>The state.</returns>
    public CandleBuilderState ExportState()
    {
        var history = new CandleState[_historyCount];
        for (var i = 0; i < history.Length; i++)
        {
            history[i] = At(Slot(i)).ToState();
        }

        return new CandleBuilderState(Interval, _sequence, _hasOpen ? _open.ToState() : null, history);
    }

    /// <summary>Replaces the builder's candles with a state from <see cref="ExportState"/>. Only the newest
    /// <see cref="CandleBuilderOptions.HistoryCapacity"/> closed candles are kept. Call <see cref="Advance"/> afterwards
    /// to close what came due while the state was stored.</summary>
    /// <param name="state">The state.</param>
    /// <exception cref="ArgumentException">The state is of another interval.</exception>
    /// <exception cref="FormatException">A price is not a decimal string.</exception>
    public void RestoreState(CandleBuilderState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Interval != Interval)
        {
            throw new ArgumentException($"State of interval {state.Interval} given to a {Interval} builder.", nameof(state));
        }

        var open = state.Open is { } o ? CandleAccumulator.FromState(o) : default;
        var history = state.History.Skip(Math.Max(0, state.History.Count - _capacity)).Select(CandleAccumulator.FromState).ToArray();
        ClearEmitted();
        _historyHead = 0;
        _historyCount = 0;
        foreach (var candle in history)
        {
            PushHistory(candle);
        }

        _open = open;
        _hasOpen = state.Open is not null;
        _sequence = state.Sequence;
    }
}
