using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Tests.Books;

/// <summary>
/// The simplest correct L2 book, for property tests: a sorted dictionary per side keyed by the numeric price, holding
/// the newest price and size text sent. Slow and allocating; what <see cref="OrderBook"/> must agree with.
/// </summary>
internal sealed class ReferenceBook(int maxLevelsPerSide = 50_000)
{
    private readonly SortedDictionary<decimal, BookLevel> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, BookLevel> _asks = new();

    public BookUpdateResult Set(BookSide side, FixedDecimal price, FixedDecimal size)
    {
        if (size.IsNegative || price.Mantissa <= 0)
        {
            return BookUpdateResult.RejectedInvalid;
        }

        var levels = Side(side);
        var key = price.ToDecimal();
        if (size.IsZero)
        {
            return levels.Remove(key) ? BookUpdateResult.Removed : BookUpdateResult.RemovedUnknown;
        }

        var exists = levels.ContainsKey(key);
        if (!exists && levels.Count >= maxLevelsPerSide)
        {
            return BookUpdateResult.RejectedTooManyLevels;
        }

        levels[key] = new BookLevel(price, size);
        return exists ? BookUpdateResult.Updated : BookUpdateResult.Inserted;
    }

    public BookLevel[] Levels(BookSide side) => [.. Side(side).Values];

    public int TrimTo(int depth) => Trim(_bids, depth) + Trim(_asks, depth);

    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
    }

    private SortedDictionary<decimal, BookLevel> Side(BookSide side) => side == BookSide.Bid ? _bids : _asks;

    private static int Trim(SortedDictionary<decimal, BookLevel> levels, int depth)
    {
        var beyond = levels.Keys.Skip(Math.Max(depth, 0)).ToList();
        foreach (var key in beyond)
        {
            levels.Remove(key);
        }

        return beyond.Count;
    }
}
