using OrleansFeed.Core.Books;
using System.Collections.Concurrent;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Grains.OrderBooks;

/// <summary>
/// The live books of this silo and their sync state, for readiness, metrics and listings without a grain call.
/// Written by <see cref="OrderBookGrain"/> activations; read from anywhere (thread-safe; values may be a turn old).
/// </summary>
public sealed class BookDirectory
{
    private readonly ConcurrentDictionary<BookKey, BookStatus> _books = new();

    /// <summary>Every registered book's status.</summary>
    public IReadOnlyDictionary<BookKey, BookStatus> Books => _books;

    /// <summary>Registers an activated book.</summary>
    /// <param name="key">Book key.</param>
    /// <param name="sync">Its sync procedure.</param>
    public void Register(BookKey key, IBookSynchronizer sync) => Update(key, sync);

    /// <summary>Records a book's current state.</summary>
    /// <param name="key">Book key.</param>
    /// <param name="sync">Its sync procedure.</param>
    public void Update(BookKey key, IBookSynchronizer sync) =>
        _books[key] = new BookStatus(sync.State, sync.Epoch, sync.LastUpdateId, sync.Counters);

    /// <summary>Removes a deactivated book.</summary>
    /// <param name="key">Book key.</param>
    public void Unregister(BookKey key) => _books.TryRemove(key, out _);
}

/// <summary>A book's state as last recorded.</summary>
/// <param name="State">Synced, unverified, unverifiable or syncing (docs/errors.md#book-states).</param>
/// <param name="Epoch">Book epoch.</param>
/// <param name="LastUpdateId">Venue update id.</param>
/// <param name="Counters">Live counters (read without a turn: values may be slightly stale).</param>
public sealed record BookStatus(BookSyncState State, long Epoch, long LastUpdateId, BookSyncCounters Counters);
