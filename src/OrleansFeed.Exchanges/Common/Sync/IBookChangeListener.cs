using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Common.Sync;

/// <summary>Told about every change a sync procedure makes to its book, in order.</summary>
public interface IBookChangeListener
{
    /// <summary>The book was rebuilt from a snapshot (a new epoch): consumers must take a full snapshot.</summary>
    /// <param name="epoch">The new book epoch.</param>
    void OnBookRebuilt(long epoch);

    /// <summary>A level now has <paramref name="size"/> (zero: removed).</summary>
    /// <param name="side">Side.</param>
    /// <param name="price">Price, quote currency.</param>
    /// <param name="size">New total size, base units; zero when removed.</param>
    void OnLevelChanged(BookSide side, FixedDecimal price, FixedDecimal size);
}
