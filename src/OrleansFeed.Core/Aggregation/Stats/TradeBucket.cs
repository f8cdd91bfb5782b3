using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Aggregation.Stats;

/// <summary>Aggregates of the trades in one bucket <c>[Index × width, (Index + 1) × width)</c>, plus the trades themselves up to a cap.</summary>
/// <remarks>Pooled by <see cref="RollingTradeStats"/>: <see cref="Reset"/> keeps the detail array for reuse.</remarks>
internal sealed class TradeBucket
{
    private TradePoint[] _detail = new TradePoint[4];

    public long Index;
    public long Count;
    public decimal Volume;
    public decimal Quote;
    public FixedDecimal High;
    public FixedDecimal Low;
    public TradePoint First;
    public TradePoint Last;
    public int DetailCount;
    public bool Overflowed;

    public ReadOnlySpan<TradePoint> Detail => _detail.AsSpan(0, DetailCount);

    public void Reset(long index)
    {
        Index = index;
        Count = 0;
        Volume = 0m;
        Quote = 0m;
        High = default;
        Low = default;
        First = default;
        Last = default;
        DetailCount = 0;
        Overflowed = false;
    }

    public void Restore(long count, decimal volume, decimal quote, FixedDecimal high, FixedDecimal low, TradePoint first, TradePoint last, TradePoint[] detail, bool overflowed)
    {
        Count = count;
        Volume = volume;
        Quote = quote;
        High = high;
        Low = low;
        First = first;
        Last = last;
        _detail = detail.Length > 0 ? detail : new TradePoint[4];
        DetailCount = detail.Length;
        Overflowed = overflowed;
    }

    public void Add(in TradePoint point, int maxDetail)
    {
        if (Count == 0)
        {
            High = point.Price;
            Low = point.Price;
            First = point;
            Last = point;
        }
        else
        {
            High = point.Price > High ? point.Price : High;
            Low = point.Price < Low ? point.Price : Low;
            if (point.Time < First.Time || (point.Time == First.Time && point.Sequence < First.Sequence))
            {
                First = point;
            }

            if (point.Time > Last.Time || (point.Time == Last.Time && point.Sequence > Last.Sequence))
            {
                Last = point;
            }
        }

        Count++;
        Volume += point.Size.ToDecimal();
        Quote += point.Price.ToDecimal() * point.Size.ToDecimal();
        if (DetailCount == maxDetail)
        {
            Overflowed = true;
            return;
        }

        if (DetailCount == _detail.Length)
        {
            Array.Resize(ref _detail, Math.Min(_detail.Length * 2, maxDetail));
        }

        _detail[DetailCount++] = point;
    }
}

/// <summary>One trade as kept in a bucket: exchange time (µs), price, size and arrival sequence (tie-breaker).</summary>
internal readonly record struct TradePoint(long Time, FixedDecimal Price, FixedDecimal Size, long Sequence);
