using Orleans.Storage;
using OrleansFeed.Core.Aggregation.Candles;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>
/// Writes and reads an aggregator's state as a small head record plus segments (<see cref="AggregatorState"/>,
/// <see cref="StateSegment"/>). A save re-encodes only the segments from the oldest change on (trades land in the
/// newest ones), deletes the segments that fell out of the 24 h window or the kept candle history, and writes nothing
/// at all when no trade arrived: an instrument costs what changed. Size per instrument is bounded by the window and
/// the history capacity. Owned by one aggregator activation; not thread-safe.
/// </summary>
internal sealed partial class AggregatorStateStore
{
    /// <summary>1 s trade buckets per segment: 15 minutes, ~97 segments for a 24 h window.</summary>
    public const long BucketsPerSegment = 900;

    /// <summary>Closed candles per segment (4 hours of 1m candles).</summary>
    public const long CandlesPerSegment = 240;

    private const string StatsPart = "stats";
    private readonly IPersistentState<AggregatorState> _head;
    private readonly IGrainStorage _storage;
    private readonly GrainId _grain;
    private readonly Dictionary<StateSegment, GrainState<AggregatorStateSegment>> _segments = [];
    private readonly MemoryStream _buffer = new();

    public AggregatorStateStore(IPersistentState<AggregatorState> head, IGrainStorage storage, GrainId grain)
    {
        _head = head;
        _storage = storage;
        _grain = grain;
    }

    /// <summary>Saves what changed since the last save.</summary>
    /// <param name="series">Every series by its stored name.</param>
    /// <param name="tradeWatermark">The <c>Trades</c> clock (UTC, µs).</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>Segments written (the head counts as one); 0 when nothing changed.</returns>
    /// <exception cref="Exception">The storage provider's errors; the changes stay marked and the next save retries.</exception>
    public async Task<int> SaveAsync(IReadOnlyList<(string Name, TradeSeries Series)> series, long tradeWatermark, CancellationToken cancellationToken)
    {
        var writes = new List<(StateSegment Segment, byte[] Bytes)>();
        var deletes = new List<StateSegment>();
        var changed = false;
        foreach (var (name, s) in series)
        {
            changed |= s.Stats.ChangedFromBucket != long.MaxValue;
            PlanStats(name, s, writes, deletes);
            foreach (var builder in s.Candles)
            {
                changed |= builder.HasChanges;
                PlanCandles(name, builder, writes, deletes);
            }
        }

        if (!changed && deletes.Count == 0)
        {
            return 0;
        }

        // Segments first, head last: a head always names segments that exist (a crash in between leaves the old head).
        foreach (var (segment, bytes) in writes)
        {
            await WriteSegmentAsync(segment, bytes).WaitAsync(cancellationToken);
        }

        var names = _segments.Keys.Where(k => !deletes.Contains(k)).Select(k => k.StateName).Order(StringComparer.Ordinal).ToArray();
        _head.State = new AggregatorState(AggregatorState.CurrentVersion, EncodeHead(series, tradeWatermark), names);
        await _head.WriteStateAsync(cancellationToken);
        foreach (var segment in deletes)
        {
            var state = _segments[segment];
            _segments.Remove(segment);
            await _storage.ClearStateAsync(segment.StateName, _grain, state).WaitAsync(cancellationToken);
        }

        foreach (var (_, s) in series)
        {
            s.Stats.MarkSaved();
            foreach (var builder in s.Candles)
            {
                builder.MarkSaved();
            }
        }

        AggregatorStateMetrics.Record(writes.Count + 1, writes.Sum(w => (long)w.Bytes.Length) + _head.State.Head.Length);
        return writes.Count + 1;
    }

    // Buckets from the oldest changed one on; segments wholly before the window's oldest bucket go.
    private void PlanStats(string name, TradeSeries series, List<(StateSegment, byte[])> writes, List<StateSegment> deletes)
    {
        var stats = series.Stats;
        var oldest = stats.BucketCount > 0 ? Chunk(stats.FirstBucketIndex, BucketsPerSegment) : long.MaxValue;
        AddStale(name, StatsPart, oldest, deletes);
        if (stats.ChangedFromBucket == long.MaxValue || stats.BucketCount == 0)
        {
            return;
        }

        for (var chunk = Math.Max(oldest, Chunk(stats.ChangedFromBucket, BucketsPerSegment)); chunk <= Chunk(stats.LastBucketIndex, BucketsPerSegment); chunk++)
        {
            var segment = new StateSegment(name, StatsPart, chunk);
            var bytes = Encode(w => stats.WriteBuckets(w, chunk * BucketsPerSegment, (chunk + 1) * BucketsPerSegment), out var count);
            Plan(segment, bytes, count, writes, deletes);
        }
    }

    // Closed candles from the oldest changed one on; one segment before the oldest kept candle stays (it holds the
    // close the first kept empty candles carry), older ones go.
    private void PlanCandles(string name, CandleBuilder builder, List<(StateSegment, byte[])> writes, List<StateSegment> deletes)
    {
        var part = CandleIntervals.Name(builder.Interval);
        var width = builder.WidthMicroseconds * CandlesPerSegment;
        var oldest = builder.HistoryCount > 0 ? Chunk(builder.OldestHistoryStart, width) : long.MaxValue;
        AddStale(name, part, oldest == long.MaxValue ? oldest : oldest - 1, deletes);
        if (builder.ChangedFromStart == long.MaxValue || builder.HistoryCount == 0)
        {
            return;
        }

        for (var chunk = Math.Max(oldest, Chunk(builder.ChangedFromStart, width)); chunk <= Chunk(builder.NewestHistoryStart, width); chunk++)
        {
            var segment = new StateSegment(name, part, chunk);
            var bytes = Encode(w => builder.WriteHistory(w, chunk * width, (chunk + 1) * width), out var count);
            Plan(segment, bytes, count, writes, deletes);
        }
    }

    private void Plan(StateSegment segment, byte[] bytes, int count, List<(StateSegment, byte[])> writes, List<StateSegment> deletes)
    {
        if (count > 0)
        {
            writes.Add((segment, bytes));
        }
        else if (_segments.ContainsKey(segment) && !deletes.Contains(segment))
        {
            deletes.Add(segment);
        }
    }

    private void AddStale(string name, string part, long keepFrom, List<StateSegment> deletes) =>
        deletes.AddRange(_segments.Keys.Where(k => k.Chunk < keepFrom && k.Part == part && k.Series == name));

    private byte[] Encode(Func<BinaryWriter, int> write, out int count)
    {
        _buffer.SetLength(0);
        using (var writer = new BinaryWriter(_buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            count = write(writer);
        }

        return _buffer.ToArray();
    }

    private async Task WriteSegmentAsync(StateSegment segment, byte[] bytes)
    {
        if (!_segments.TryGetValue(segment, out var state))
        {
            state = new GrainState<AggregatorStateSegment>();
            _segments[segment] = state;
        }

        state.State = new AggregatorStateSegment(bytes);
        try
        {
            await _storage.WriteStateAsync(segment.StateName, _grain, state);
        }
        catch (InconsistentStateException)
        {
            // A segment left by a save whose head was never written: take its version and write over it.
            var stored = new GrainState<AggregatorStateSegment>();
            await _storage.ReadStateAsync(segment.StateName, _grain, stored);
            state.ETag = stored.ETag;
            await _storage.WriteStateAsync(segment.StateName, _grain, state);
        }
    }

    private static long Chunk(long value, long per) => Math.DivRem(value, per, out var rem) - (rem < 0 ? 1 : 0);
}
