using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;

namespace OrleansFeed.Core.Aggregation.Stats;

/// <summary>
/// Rolling-window (default 24 h) trade statistics for one venue-instrument, or consolidated across venues when
/// fed every venue's trades: open, high, low, last, base and quote volume, VWAP, trade count, change.
/// </summary>
/// <remarks>
/// <para><b>Window.</b> At time <c>now</c> the window is <c>(now − Window, now]</c> over trade exchange times (receive
/// time when the venue sent none); it slides continuously and is never reset at midnight. A trade exactly
/// <c>Window</c> old is out; one 1 µs younger is in. Trades at or before the window start are ignored
/// (<see cref="TradeStatsOutcome.TooOld"/>); out-of-order trades inside the window are accepted. The window start
/// never moves backwards, even if <c>now</c> does.</para>
/// <para><b>Exact edge rule.</b> Trades are aggregated in buckets <c>[k × BucketWidth, (k + 1) × BucketWidth)</c>
/// (UTC epoch-aligned). Every bucket also keeps its trades individually, up to
/// <see cref="RollingTradeStatsOptions.MaxTradesPerBucket"/>. A bucket is dropped once its latest trade is at or
/// before the window start. Buckets wholly inside the window contribute their aggregates. The oldest bucket
/// may straddle the window start: it then contributes only its kept trades later than the window start, so open,
/// high, low, volumes and count are exact to the microsecond. If that straddling bucket held more trades than the
/// cap, it is counted whole and the snapshot says <see cref="RollingStatsSnapshot.IsExact"/> = false.</para>
/// <para><b>Memory bound.</b> At most <see cref="RollingTradeStatsOptions.MaxBuckets"/> buckets (86,407 with the
/// defaults), each holding its aggregates plus at most <c>MaxTradesPerBucket</c> trades of 40 bytes: with the
/// defaults ≤ ~240 MB in the worst case (every second with ≥ 64 trades), and proportional to the trades held
/// otherwise. Buckets are pooled, so a steady stream allocates nothing.</para>
/// <para>Not thread-safe: owned by one grain activation.</para>
/// </remarks>
public sealed partial class RollingTradeStats
{
    private readonly RollingTradeStatsOptions _options;
    private readonly long _window;
    private readonly long _width;
    private readonly long _skew;

    // Live buckets are _buckets[_start..], sorted by Index; the front is trimmed lazily.
    private readonly List<TradeBucket> _buckets = [];
    private readonly Stack<TradeBucket> _pool = new();
    private int _start;
    private long _cutoff = long.MinValue;
    private long _sequence;
    private long _count;
    private decimal _volume;
    private decimal _quote;

    /// <summary>Creates an empty window.</summary>
    /// <param name="options">Settings; <see cref="RollingTradeStatsOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public RollingTradeStats(RollingTradeStatsOptions? options = null)
    {
        _options = options ?? RollingTradeStatsOptions.Default;
        _options.Validate();
        _window = _options.WindowMicroseconds;
        _width = _options.BucketWidthMicroseconds;
        _skew = _options.MaxClockSkew.Ticks / TimeSpan.TicksPerMicrosecond;
    }

    /// <summary>The settings in use.</summary>
    public RollingTradeStatsOptions Options => _options;

    /// <summary>Number of live buckets (bounded by <see cref="RollingTradeStatsOptions.MaxBuckets"/>).</summary>
    public int BucketCount => _buckets.Count - _start;

    /// <summary>Trades ignored as <see cref="TradeStatsOutcome.TooOld"/> since creation.</summary>
    public long TooOldCount { get; private set; }

    /// <summary>Trades ignored as <see cref="TradeStatsOutcome.TooFarAhead"/> since creation.</summary>
    public long TooFarAheadCount { get; private set; }

    /// <summary>Trades ignored as <see cref="TradeStatsOutcome.Invalid"/> since creation.</summary>
    public long InvalidCount { get; private set; }

    /// <summary>Adds a trade to the window (evicting first up to <paramref name="now"/>). Never throws on bad input.</summary>
    /// <param name="trade">The trade; its exchange time places it (receive time when the exchange time is none).</param>
    /// <param name="now">Current time (UTC, µs) from the caller's <see cref="TimeProvider"/>.</param>
    /// <returns>Whether the trade was counted, and if not, why.</returns>
    public TradeStatsOutcome OnTrade(in Trade trade, Timestamp now)
    {
        if (trade.Price.Mantissa <= 0 || trade.Size.Mantissa <= 0)
        {
            InvalidCount++;
            return TradeStatsOutcome.Invalid;
        }

        Evict(now);
        var time = (trade.ExchangeTime.IsNone ? trade.ReceiveTime : trade.ExchangeTime).UnixMicroseconds;
        if (time <= _cutoff)
        {
            TooOldCount++;
            return TradeStatsOutcome.TooOld;
        }

        if (time > now.UnixMicroseconds + _skew)
        {
            TooFarAheadCount++;
            return TradeStatsOutcome.TooFarAhead;
        }

        var point = new TradePoint(time, trade.Price, trade.Size, _sequence++);
        var bucket = FindOrInsert(Math.DivRem(time, _width, out var rem) - (rem < 0 ? 1 : 0), out var isHead);
        bucket.Add(point, _options.MaxTradesPerBucket);
        ChangedFromBucket = Math.Min(ChangedFromBucket, bucket.Index);
        _count++;
        _volume += point.Size.ToDecimal();
        _quote += point.Price.ToDecimal() * point.Size.ToDecimal();
        if (!isHead)
        {
            MergeIntoBody(point.Price, point.Price);
        }

        return TradeStatsOutcome.Accepted;
    }

    /// <summary>Advances the window start to <c>now − Window</c> and drops buckets wholly before it.</summary>
    /// <param name="now">Current time (UTC, µs); a time earlier than a previous call does not move the window back.</param>
    public void Evict(Timestamp now)
    {
        var cutoff = now.UnixMicroseconds - _window;
        if (cutoff <= _cutoff)
        {
            return;
        }

        _cutoff = cutoff;
        var headChanged = false;
        while (BucketCount > 0 && _buckets[_start].Last.Time <= cutoff)
        {
            var head = _buckets[_start];
            _count -= head.Count;
            _volume -= head.Volume;
            _quote -= head.Quote;
            _buckets[_start] = null!;
            _start++;
            _pool.Push(head);
            headChanged = true;
        }

        if (_start > 64 && _start * 2 > _buckets.Count)
        {
            _buckets.RemoveRange(0, _start);
            _start = 0;
        }

        if (headChanged)
        {
            OnHeadRemoved();
        }
    }

    /// <summary>The statistics of the window ending at <paramref name="now"/> (evicts first).</summary>
    /// <param name="now">Current time (UTC, µs) from the caller's <see cref="TimeProvider"/>.</param>
    /// <returns>A new immutable snapshot; all-zero prices and a zero count when the window holds no trade.</returns>
    public RollingStatsSnapshot Snapshot(Timestamp now)
    {
        Evict(now);
        var start = new Timestamp(_cutoff == long.MinValue ? now.UnixMicroseconds - _window : _cutoff);
        if (BucketCount == 0)
        {
            return new RollingStatsSnapshot(start, now, 0, default, default, default, default, 0m, 0m, null, 0m, null, Timestamp.None, Timestamp.None, true);
        }

        var head = _buckets[_start];
        var count = _count;
        var volume = _volume;
        var quote = _quote;
        var exact = true;
        FixedDecimal high = head.High, low = head.Low;
        var open = head.First;
        if (head.First.Time <= _cutoff)
        {
            if (head.Overflowed)
            {
                exact = false;
            }
            else
            {
                ExcludeEdge(head, ref count, ref volume, ref quote, out high, out low, out open);
            }
        }

        EnsureBody();
        if (_bodyHas)
        {
            high = _bodyHigh > high ? _bodyHigh : high;
            low = _bodyLow < low ? _bodyLow : low;
        }

        var last = _buckets[^1].Last;
        var change = last.Price.ToDecimal() - open.Price.ToDecimal();
        return new RollingStatsSnapshot(
            start,
            now,
            count,
            open.Price,
            high,
            low,
            last.Price,
            volume,
            quote,
            volume > 0m ? quote / volume : null,
            change,
            change / open.Price.ToDecimal() * 100m,
            new Timestamp(open.Time),
            new Timestamp(last.Time),
            exact);
    }

    private void ExcludeEdge(TradeBucket head, ref long count, ref decimal volume, ref decimal quote, out FixedDecimal high, out FixedDecimal low, out TradePoint open)
    {
        high = default;
        low = default;
        open = default;
        var any = false;
        foreach (var p in head.Detail)
        {
            if (p.Time <= _cutoff)
            {
                count--;
                volume -= p.Size.ToDecimal();
                quote -= p.Price.ToDecimal() * p.Size.ToDecimal();
                continue;
            }

            if (!any)
            {
                high = p.Price;
                low = p.Price;
                open = p;
                any = true;
                continue;
            }

            high = p.Price > high ? p.Price : high;
            low = p.Price < low ? p.Price : low;
            if (p.Time < open.Time || (p.Time == open.Time && p.Sequence < open.Sequence))
            {
                open = p;
            }
        }
    }

    private TradeBucket FindOrInsert(long index, out bool isHead)
    {
        var n = _buckets.Count;
        if (n == _start || _buckets[n - 1].Index < index)
        {
            isHead = n == _start;
            return Append(index, n, isHead);
        }

        if (_buckets[n - 1].Index == index)
        {
            isHead = n - 1 == _start;
            return _buckets[n - 1];
        }

        // Out of order: binary search the live range.
        int lo = _start, hi = n - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var midIndex = _buckets[mid].Index;
            if (midIndex == index)
            {
                isHead = mid == _start;
                return _buckets[mid];
            }

            if (midIndex < index)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        isHead = lo == _start;
        return Append(index, lo, isHead);
    }

    private TradeBucket Append(long index, int position, bool becomesHead)
    {
        var bucket = _pool.Count > 0 ? _pool.Pop() : new TradeBucket();
        bucket.Reset(index);
        if (becomesHead && BucketCount > 0)
        {
            // The old head joins the body.
            var oldHead = _buckets[_start];
            MergeIntoBody(oldHead.High, oldHead.Low);
        }

        if (becomesHead && _start > 0)
        {
            _start--;
            _buckets[_start] = bucket;
        }
        else
        {
            _buckets.Insert(position, bucket);
        }

        return bucket;
    }
}
