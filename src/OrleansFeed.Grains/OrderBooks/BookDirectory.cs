using System.Collections.Concurrent;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Grains.OrderBooks;

/// <summary>
/// The live books of this silo: where the connector finds a book to feed in place, and their sync state for readiness,
/// metrics and listings without a grain call. Written by <see cref="OrderBookGrain"/> activations; read from anywhere
/// (thread-safe; states may be an event old).
/// </summary>
public sealed class BookDirectory
{
    private readonly ConcurrentDictionary<BookKey, LiveBook> _books = new();

    /// <summary>Every registered book's status as of now (a new dictionary per call).</summary>
    public IReadOnlyDictionary<BookKey, BookStatus> Books => _books.ToDictionary(b => b.Key, b => b.Value.Status);

    /// <summary>Registers an activated book (replacing an earlier activation's entry).</summary>
    /// <param name="book">Its live state.</param>
    internal void Register(LiveBook book) => _books[book.Key] = book;

    /// <summary>Removes a deactivated book, unless a newer activation has registered meanwhile.</summary>
    /// <param name="book">The live state it registered.</param>
    internal void Unregister(LiveBook book) => _books.TryRemove(new KeyValuePair<BookKey, LiveBook>(book.Key, book));

    /// <summary>The book's live state when it is active on this silo and not closed.</summary>
    /// <param name="key">Book key.</param>
    /// <param name="book">Its live state.</param>
    /// <returns>False when the book is not active here.</returns>
    internal bool TryGetLive(BookKey key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LiveBook? book) =>
        _books.TryGetValue(key, out book) && !book.IsClosed;
}

/// <summary>A book's state as last recorded.</summary>
/// <param name="State">Synced, unverified, unverifiable or syncing (docs/errors.md#book-states).</param>
/// <param name="Epoch">The sync procedure's rebuild count (the activation's epoch base not included).</param>
/// <param name="LastUpdateId">Venue update id.</param>
/// <param name="Counters">Live counters (read without a turn: values may be slightly stale).</param>
public sealed record BookStatus(BookSyncState State, long Epoch, long LastUpdateId, BookSyncCounters Counters);
