using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Books;

/// <summary>
/// An exact L2 order book for one venue-symbol: price → total size per side, with BBO, top-N and
/// crossed-book detection. Holds no sync state; the venue's book-sync procedure decides what to apply.
/// </summary>
/// <remarks>
/// <para>Level semantics follow every venue here (shared/docs/exchange-protocols.md §0): a size is the new
/// absolute quantity at the price; size zero removes the level; removing an unknown level is normal.</para>
/// <para>Costs (k = the level's distance from the touch, n = levels on the side): <see cref="Set"/> makes one search,
/// O(log k), and an insert or removal moves min(k, n − k) levels, so updates near the touch (most of them) are nearly
/// O(1); a snapshot loaded best first after <see cref="Clear"/> appends each level in O(1), O(n) in all;
/// <see cref="TryGetBestBid"/>/<see cref="TryGetBestAsk"/>/<see cref="TryGetWorst"/> O(1); <see cref="CopyTop"/> O(k)
/// (one block copy); <see cref="TrimTo"/> O(1). Storage is pooled and kept across <see cref="Clear"/>: once a book has
/// grown to its working size, updates and snapshot loads allocate nothing.</para>
/// <para>Not thread-safe: owned by one <c>OrderBookGrain</c> activation (one turn at a time).</para>
/// </remarks>
public sealed class OrderBook
{
    private readonly PriceLevelArray _bids = new(descending: true);
    private readonly PriceLevelArray _asks = new(descending: false);

    /// <summary>Creates an empty book.</summary>
    /// <param name="maxLevelsPerSide">Cap on levels per side; a venue that sends more is rejected per level
    /// (<see cref="BookUpdateResult.RejectedTooManyLevels"/>) so a hostile feed cannot exhaust memory. Default 50,000.</param>
    /// <exception cref="ArgumentOutOfRangeException">The cap is not positive.</exception>
    public OrderBook(int maxLevelsPerSide = 50_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLevelsPerSide);
        MaxLevelsPerSide = maxLevelsPerSide;
    }

    /// <summary>The per-side level cap.</summary>
    public int MaxLevelsPerSide { get; }

    /// <summary>Number of bid levels held.</summary>
    public int BidCount => _bids.Count;

    /// <summary>Number of ask levels held.</summary>
    public int AskCount => _asks.Count;

    /// <summary>Sets the absolute size at a price; size zero removes the level.</summary>
    /// <param name="side">Bid or ask.</param>
    /// <param name="price">Price in quote currency; must be positive.</param>
    /// <param name="size">New total size at the price; zero removes; negative is rejected.</param>
    /// <returns>What happened; rejections leave the book unchanged.</returns>
    public BookUpdateResult Set(BookSide side, FixedDecimal price, FixedDecimal size)
    {
        if (size.IsNegative || price.Mantissa <= 0)
        {
            return BookUpdateResult.RejectedInvalid;
        }

        var levels = side == BookSide.Bid ? _bids : _asks;
        if (size.IsZero)
        {
            return levels.Remove(price) ? BookUpdateResult.Removed : BookUpdateResult.RemovedUnknown;
        }

        return levels.Set(price, size, MaxLevelsPerSide);
    }

    /// <summary>The size at a price, when the level exists.</summary>
    /// <param name="side">Bid or ask.</param>
    /// <param name="price">The price.</param>
    /// <param name="size">The size, or zero.</param>
    /// <returns>True when the level exists.</returns>
    public bool TryGetSize(BookSide side, FixedDecimal price, out FixedDecimal size) =>
        (side == BookSide.Bid ? _bids : _asks).TryGet(price, out size);

    /// <summary>The best (highest) bid.</summary>
    /// <param name="level">The level, or default when the side is empty.</param>
    /// <returns>False when there are no bids.</returns>
    public bool TryGetBestBid(out BookLevel level) => _bids.TryGetBest(out level);

    /// <summary>The best (lowest) ask.</summary>
    /// <param name="level">The level, or default when the side is empty.</param>
    /// <returns>False when there are no asks.</returns>
    public bool TryGetBestAsk(out BookLevel level) => _asks.TryGetBest(out level);

    /// <summary>
    /// True when the best bid is at or above the best ask (crossed or locked). A venue's continuous
    /// book is never crossed, so a crossed local book means it has diverged and must be resynced.
    /// </summary>
    public bool IsCrossed =>
        _bids.TryGetBest(out var bid) && _asks.TryGetBest(out var ask) && bid.Price >= ask.Price;

    /// <summary>Copies up to <c>destination.Length</c> levels of one side, best first.</summary>
    /// <param name="side">Bid or ask.</param>
    /// <param name="destination">Where to write.</param>
    /// <returns>Number of levels written.</returns>
    public int CopyTop(BookSide side, Span<BookLevel> destination) =>
        (side == BookSide.Bid ? _bids : _asks).CopyTo(destination);

    /// <summary>Copies up to <paramref name="depth"/> levels of one side into a new array, best first.</summary>
    /// <param name="side">Bid or ask.</param>
    /// <param name="depth">Maximum levels; values above the level count return every level.</param>
    /// <returns>The levels (allocates: API and snapshot paths only).</returns>
    public BookLevel[] ToArray(BookSide side, int depth = int.MaxValue)
    {
        var source = side == BookSide.Bid ? _bids : _asks;
        var levels = new BookLevel[Math.Min(Math.Max(depth, 0), source.Count)];
        source.CopyTo(levels);
        return levels;
    }

    /// <summary>The worst (furthest from the touch) level of one side: lowest bid or highest ask.</summary>
    /// <param name="side">Bid or ask.</param>
    /// <param name="level">The level when the side is not empty.</param>
    /// <returns>False when the side is empty.</returns>
    public bool TryGetWorst(BookSide side, out BookLevel level) =>
        (side == BookSide.Bid ? _bids : _asks).TryGetWorst(out level);

    /// <summary>Levels on one side (bid or ask).</summary>
    /// <param name="side">Bid or ask.</param>
    /// <returns>The level count.</returns>
    public int Count(BookSide side) => side == BookSide.Bid ? _bids.Count : _asks.Count;

    /// <summary>Removes levels beyond the best <paramref name="depth"/> on both sides (depth-limited feeds, §0).</summary>
    /// <param name="depth">Levels to keep per side.</param>
    /// <returns>Levels removed.</returns>
    public int TrimTo(int depth) => _bids.TrimTo(depth) + _asks.TrimTo(depth);

    /// <summary>Empties the book (before a snapshot is loaded).</summary>
    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
    }
}
