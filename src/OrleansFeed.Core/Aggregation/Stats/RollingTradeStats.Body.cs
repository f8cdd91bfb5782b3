using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Aggregation.Stats;

public sealed partial class RollingTradeStats
{
    // High and low over the body (every live bucket but the head), kept incrementally. The head is handled
    // separately because it may straddle the window start; the body is wholly inside the window.
    private FixedDecimal _bodyHigh;
    private FixedDecimal _bodyLow;
    private bool _bodyHas;
    private bool _bodyDirty;

    private void MergeIntoBody(FixedDecimal high, FixedDecimal low)
    {
        if (_bodyDirty)
        {
            return;
        }

        if (!_bodyHas)
        {
            _bodyHigh = high;
            _bodyLow = low;
            _bodyHas = true;
            return;
        }

        _bodyHigh = high > _bodyHigh ? high : _bodyHigh;
        _bodyLow = low < _bodyLow ? low : _bodyLow;
    }

    // The new head left the body; only when it held the body's extreme must the body be rescanned.
    private void OnHeadRemoved()
    {
        if (BucketCount <= 1)
        {
            _bodyHas = false;
            _bodyDirty = false;
            return;
        }

        var head = _buckets[_start];
        if (!_bodyDirty && (head.High >= _bodyHigh || head.Low <= _bodyLow))
        {
            _bodyDirty = true;
        }
    }

    private void EnsureBody()
    {
        if (!_bodyDirty)
        {
            return;
        }

        _bodyDirty = false;
        _bodyHas = false;
        for (var i = _start + 1; i < _buckets.Count; i++)
        {
            MergeIntoBody(_buckets[i].High, _buckets[i].Low);
        }
    }
}
