using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Aggregation.Candles;

public sealed partial class CandleBuilder
{
    // Above this many queued entries the queue's array is trimmed once it has drained (see TryTakeEmitted).
    private const int TrimEmittedAbove = 64;

    // The candles waiting for TryTakeEmitted, oldest first, as runs: a closed or amended candle is a run of one, and
    // the empty candles of a gap are one run whose k-th candle is the first moved k intervals on (empty candles differ
    // only in their start and end). A gap of a whole history is then one entry instead of HistoryCapacity candles
    // (≈ 130 B each: a 1,440-candle gap made the queue's array a large-object-heap allocation per builder).
    private readonly Queue<EmittedRun> _emitted = new();
    private EmittedRun _emittedHead; // the oldest run, being taken; Count 0 when none
    private int _emittedCount;       // candles waiting, runs counted in full
    private int _emittedPeak;

    /// <summary>Closed and amended candles waiting to be taken with <see cref="TryTakeEmitted"/>.</summary>
    public int EmittedCount => _emittedCount;

    /// <summary>Takes the oldest closed or amended candle not yet taken.</summary>
    /// <param name="candle">The candle.</param>
    /// <returns>False when none is waiting.</returns>
    public bool TryTakeEmitted(out Candle candle)
    {
        if (_emittedHead.Count == 0 && !_emitted.TryDequeue(out _emittedHead))
        {
            // Amendments and closes in bursts can still grow the queue: do not keep a large array for the builder's life.
            if (_emittedPeak > TrimEmittedAbove)
            {
                _emitted.TrimExcess();
                _emittedPeak = 0;
            }

            candle = default;
            return false;
        }

        candle = _emittedHead.First;
        _emittedHead = _emittedHead.Skip(1, _width);
        _emittedCount--;
        return true;
    }

    private void Emit(Candle candle) => EmitRun(candle, 1);

    // Queues `count` candles starting with `first` (a run of empty ones when count > 1). The queue keeps at most
    // HistoryCapacity candles: the oldest are dropped and counted, exactly as if they had been queued one by one.
    private void EmitRun(Candle first, int count)
    {
        var overflow = _emittedCount + count - _capacity;
        if (overflow > 0)
        {
            var queued = Math.Min(overflow, _emittedCount);
            DropOldestEmitted(queued);
            var ownDrop = overflow - queued;
            if (ownDrop > 0)
            {
                DroppedEmittedCount += ownDrop;
                (first, count) = (Shift(first, ownDrop), count - ownDrop);
            }
        }

        if (count <= 0)
        {
            return;
        }

        _emitted.Enqueue(new EmittedRun(first, count));
        _emittedCount += count;
        _emittedPeak = Math.Max(_emittedPeak, _emitted.Count);
    }

    private void DropOldestEmitted(int count)
    {
        while (count > 0)
        {
            if (_emittedHead.Count == 0)
            {
                _emittedHead = _emitted.Dequeue();
            }

            var dropped = Math.Min(count, _emittedHead.Count);
            _emittedHead = _emittedHead.Skip(dropped, _width);
            _emittedCount -= dropped;
            DroppedEmittedCount += dropped;
            count -= dropped;
        }
    }

    private void ClearEmitted()
    {
        _emitted.Clear();
        _emittedHead = default;
        _emittedCount = 0;
    }

    private Candle Shift(in Candle candle, int intervals) => Shifted(candle, intervals, _width);

    private static Candle Shifted(in Candle candle, int intervals, long width) => intervals == 0
        ? candle
        : candle with
        {
            Start = new Timestamp(candle.Start.UnixMicroseconds + (intervals * width)),
            End = new Timestamp(candle.End.UnixMicroseconds + (intervals * width)),
        };

    /// <summary><paramref name="Count"/> queued candles: <paramref name="First"/> and, for a run of empty candles, the ones after it.</summary>
    private readonly record struct EmittedRun(Candle First, int Count)
    {
        /// <summary>The run without its first <paramref name="candles"/> candles (Count 0 when nothing is left).</summary>
        public EmittedRun Skip(int candles, long width) => candles >= Count ? default : new EmittedRun(Shifted(First, candles, width), Count - candles);
    }
}
