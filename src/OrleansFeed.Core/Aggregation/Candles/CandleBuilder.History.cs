using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Aggregation.Candles;

public sealed partial class CandleBuilder
{
    // Candles per storage chunk: 256 × ~150 B stays under the 85,000-byte large-object threshold, so a full day of
    // 1m candles is ordinary (compacted, generational) heap, not LOH; chunks are allocated as the history fills, so a
    // builder costs what it holds.
    private const int ChunkSize = 256;

    // Closed candles in a ring of `_capacity` slots stored in chunks, oldest at _historyHead, ordered by start
    // (closing is in time order).
    private readonly CandleAccumulator[]?[] _chunks;
    private readonly int _capacity;
    private int _historyHead;
    private int _historyCount;

    /// <summary>Number of closed candles kept (at most <see cref="CandleBuilderOptions.HistoryCapacity"/>).</summary>
    public int HistoryCount => _historyCount;

    /// <summary>Copies the closed candles with <c>from ≤ Start &lt; to</c>, oldest first, into <paramref name="destination"/>.</summary>
    /// <param name="from">Inclusive lower bound on candle start (UTC, µs).</param>
    /// <param name="to">Exclusive upper bound on candle start (UTC, µs).</param>
    /// <param name="destination">Receives the candles (appended). The open candle is not included; see <see cref="OpenCandle"/>.</param>
    /// <returns>The number of candles appended.</returns>
    public int CopyHistory(Timestamp from, Timestamp to, List<Candle> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var added = 0;
        for (var i = LowerBound(from.UnixMicroseconds); i < _historyCount; i++)
        {
            ref var candle = ref At(Slot(i));
            if (candle.Start >= to.UnixMicroseconds)
            {
                break;
            }

            destination.Add(candle.ToCandle(Interval, _width, closed: true));
            added++;
        }

        return added;
    }

    private void PushHistory(in CandleAccumulator candle)
    {
        if (_historyCount == _capacity)
        {
            At(_historyHead) = candle;
            _historyHead = (_historyHead + 1) % _capacity;
            return;
        }

        At(Slot(_historyCount)) = candle;
        _historyCount++;
    }

    private bool TryFindHistory(long start, out int slot)
    {
        var i = LowerBound(start);
        slot = i < _historyCount ? Slot(i) : -1;
        return slot >= 0 && At(slot).Start == start;
    }

    // First logical index whose start is ≥ start.
    private int LowerBound(long start)
    {
        int lo = 0, hi = _historyCount;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (At(Slot(mid)).Start < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private int Slot(int logical) => (_historyHead + logical) % _capacity;

    private ref CandleAccumulator At(int slot) => ref (_chunks[slot / ChunkSize] ??= new CandleAccumulator[ChunkSize])[slot % ChunkSize];

    /// <summary>Candle slots allocated for the history (grows with the candles held, up to <see cref="CandleBuilderOptions.HistoryCapacity"/> rounded up to a chunk).</summary>
    internal int AllocatedSlots => _chunks.Count(c => c is not null) * ChunkSize;
}
