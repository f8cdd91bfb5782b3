using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Aggregation.Candles;

public sealed partial class CandleBuilder
{
    private CandleAccumulator _restoredOpen;
    private bool _restoredHasOpen;

    /// <summary>
    /// The oldest closed candle start (UTC, µs) that changed since the last <see cref="MarkSaved"/>: closed with
    /// trades, amended, or closed empty with a close that an empty candle after its predecessor would not carry.
    /// <see cref="long.MaxValue"/> when none. Empty candles carrying the previous close are not changes: a restore
    /// rebuilds them (<see cref="ReadHistory"/>), so an idle instrument has nothing to save.
    /// </summary>
    public long ChangedFromStart { get; private set; } = long.MaxValue;

    /// <summary>True when a trade went into the open candle since the last <see cref="MarkSaved"/>.</summary>
    public bool OpenChanged { get; private set; }

    /// <summary>True when <see cref="ChangedFromStart"/> or <see cref="OpenChanged"/> says something is unsaved.</summary>
    public bool HasChanges => ChangedFromStart != long.MaxValue || OpenChanged;

    /// <summary>Start of the oldest kept closed candle (UTC, µs); <see cref="long.MaxValue"/> when none.</summary>
    public long OldestHistoryStart => _historyCount > 0 ? At(Slot(0)).Start : long.MaxValue;

    /// <summary>Start of the newest kept closed candle (UTC, µs); <see cref="long.MinValue"/> when none.</summary>
    public long NewestHistoryStart => _historyCount > 0 ? At(Slot(_historyCount - 1)).Start : long.MinValue;

    /// <summary>The interval in microseconds.</summary>
    public long WidthMicroseconds => _width;

    /// <summary>Forgets the changes so far: the caller has stored them.</summary>
    public void MarkSaved()
    {
        ChangedFromStart = long.MaxValue;
        OpenChanged = false;
    }

    /// <summary>Writes what a restore needs besides the closed candles: the arrival sequence and the open candle.</summary>
    /// <param name="writer">Destination.</param>
    public void WriteHead(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_sequence);
        writer.Write(_hasOpen);
        if (_hasOpen)
        {
            _open.Write(writer);
        }
    }

    /// <summary>
    /// Writes the kept closed candles with <c>fromStart ≤ Start &lt; toStart</c>, compactly: an empty candle carrying
    /// its predecessor's close is left out (<see cref="ReadHistory"/> rebuilds it). Allocates nothing.
    /// </summary>
    /// <param name="writer">Destination.</param>
    /// <param name="fromStart">Inclusive lower bound on candle start (UTC, µs).</param>
    /// <param name="toStart">Exclusive upper bound on candle start (UTC, µs).</param>
    /// <returns>The number of candles written (0: nothing in the range needs storing).</returns>
    public int WriteHistory(BinaryWriter writer, long fromStart, long toStart)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var first = LowerBound(fromStart);
        var written = 0;
        for (var i = first; i < _historyCount && At(Slot(i)).Start < toStart; i++)
        {
            written += IsRebuildable(i) ? 0 : 1;
        }

        writer.Write7BitEncodedInt(written);
        for (var i = first; i < _historyCount && At(Slot(i)).Start < toStart; i++)
        {
            if (!IsRebuildable(i))
            {
                At(Slot(i)).Write(writer);
            }
        }

        return written;
    }

    /// <summary>Empties the builder and reads what <see cref="WriteHead"/> wrote, before <see cref="ReadHistory"/> calls.</summary>
    /// <param name="reader">Source.</param>
    /// <exception cref="FormatException">The bytes are not this encoding.</exception>
    /// <exception cref="EndOfStreamException">The data is truncated.</exception>
    public void BeginRestore(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ClearEmitted();
        _historyHead = 0;
        _historyCount = 0;
        _hasOpen = false;
        _sequence = reader.ReadInt64();
        _restoredHasOpen = reader.ReadBoolean();
        _restoredOpen = _restoredHasOpen ? CandleAccumulator.Read(reader) : default;
        MarkSaved();
    }

    /// <summary>
    /// Appends closed candles written by <see cref="WriteHistory"/>; ranges must come oldest first. The empty candles
    /// left out are rebuilt with the previous close, as <see cref="Advance"/> made them; only the newest
    /// <see cref="CandleBuilderOptions.HistoryCapacity"/> are kept.
    /// </summary>
    /// <param name="reader">Source.</param>
    /// <exception cref="FormatException">The bytes are not this encoding.</exception>
    /// <exception cref="EndOfStreamException">The data is truncated.</exception>
    public void ReadHistory(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var count = reader.Read7BitEncodedInt();
        for (var n = 0; n < count; n++)
        {
            var candle = CandleAccumulator.Read(reader);
            if (_historyCount > 0 && candle.Start <= NewestHistoryStart)
            {
                continue;
            }

            FillEmptyBefore(candle.Start);
            PushHistory(candle);
        }
    }

    /// <summary>Completes a restore: the open candle returns, after the empty candles between it and the history.
    /// Call <see cref="Advance"/> afterwards to close what came due while the state was stored.</summary>
    public void EndRestore()
    {
        if (_restoredHasOpen)
        {
            FillEmptyBefore(_restoredOpen.Start);
            _open = _restoredOpen;
            _hasOpen = true;
        }

        _restoredHasOpen = false;
        MarkSaved();
    }

    // Closing marks what a restore could not rebuild from the candle before it.
    private void MarkClosed(in CandleAccumulator candle)
    {
        if (candle.TradeCount > 0 || _historyCount == 0 || At(Slot(_historyCount - 1)).Close != candle.Close)
        {
            ChangedFromStart = Math.Min(ChangedFromStart, candle.Start);
        }
    }

    private bool IsRebuildable(int logical)
    {
        ref var candle = ref At(Slot(logical));
        if (candle.TradeCount > 0 || logical == 0)
        {
            return false;
        }

        ref var previous = ref At(Slot(logical - 1));
        return previous.Close == candle.Close;
    }

    // The empty candles between the newest kept one and `start`, carrying its close (at most a history's worth).
    private void FillEmptyBefore(long start)
    {
        if (_historyCount == 0)
        {
            return;
        }

        var close = At(Slot(_historyCount - 1)).Close;
        var next = NewestHistoryStart + _width;
        next = Math.Max(next, start - (_capacity * _width));
        for (; next < start; next += _width)
        {
            PushHistory(CandleAccumulator.Empty(next, close));
        }
    }
}
