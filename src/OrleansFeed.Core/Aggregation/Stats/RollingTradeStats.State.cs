using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Aggregation.Stats;

public sealed partial class RollingTradeStats
{
    /// <summary>Copies the window's live buckets into a persistable state (allocates; call on a save timer, not per trade).</summary>
    /// <returns>The state.</returns>
    public RollingTradeStatsState ExportState()
    {
        var buckets = new TradeBucketState[BucketCount];
        for (var i = 0; i < buckets.Length; i++)
        {
            var b = _buckets[_start + i];
            var detail = new TradePointState[b.DetailCount];
            var kept = b.Detail;
            for (var d = 0; d < detail.Length; d++)
            {
                detail[d] = ToState(kept[d]);
            }

            buckets[i] = new TradeBucketState(b.Index, b.Count, b.Volume, b.Quote, b.High.ToString(), b.Low.ToString(), ToState(b.First), ToState(b.Last), detail, b.Overflowed);
        }

        return new RollingTradeStatsState(_cutoff, _sequence, buckets);
    }

    /// <summary>Replaces the window's content with a state from <see cref="ExportState"/> (same options expected).</summary>
    /// <param name="state">The state; buckets must be ordered by index.</param>
    /// <exception cref="FormatException">A price or size is not a decimal string; the window is then left empty.</exception>
    public void RestoreState(RollingTradeStatsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (var i = _start; i < _buckets.Count; i++)
        {
            _pool.Push(_buckets[i]);
        }

        _buckets.Clear();
        _start = 0;
        _count = 0;
        _volume = 0m;
        _quote = 0m;
        _bodyHas = false;
        _bodyDirty = false;
        _cutoff = state.Cutoff;
        _sequence = state.Sequence;
        var restored = new List<TradeBucket>(state.Buckets.Count);
        foreach (var s in state.Buckets)
        {
            var bucket = _pool.Count > 0 ? _pool.Pop() : new TradeBucket();
            bucket.Reset(s.Index);
            var detail = s.Detail.Select(FromState).ToArray();
            bucket.Restore(s.Count, s.Volume, s.Quote, FixedDecimal.Parse(s.High), FixedDecimal.Parse(s.Low), FromState(s.First), FromState(s.Last), detail, s.Overflowed);
            restored.Add(bucket);
        }

        foreach (var bucket in restored)
        {
            _buckets.Add(bucket);
            _count += bucket.Count;
            _volume += bucket.Volume;
            _quote += bucket.Quote;
        }

        // The body's high and low are rebuilt from the buckets at the next snapshot.
        _bodyDirty = BucketCount > 1;
    }

    private static TradePointState ToState(in TradePoint p) => new(p.Time, p.Price.ToString(), p.Size.ToString(), p.Sequence);

    private static TradePoint FromState(TradePointState s) => new(s.Time, FixedDecimal.Parse(s.Price), FixedDecimal.Parse(s.Size), s.Sequence);
}
