using System.Collections.Concurrent;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Grains.Tests.Infrastructure;

/// <summary>The books the fake book grains answer with, set by the test; counts snapshot requests per book.</summary>
public sealed class FakeBooks
{
    private readonly ConcurrentDictionary<string, BookSnapshot> _books = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    public void Set(string key, long sequence, Timestamp receive, (string Price, string Size)[] bids, (string Price, string Size)[] asks, bool stale = false)
    {
        var parts = key.Split(':');
        _books[key] = new BookSnapshot(
            parts[0],
            parts[1],
            "?",
            stale ? BookSyncState.Syncing : BookSyncState.Synced,
            1,
            sequence,
            sequence,
            receive,
            receive,
            [.. bids.Select(l => new BookLevel(FixedDecimal.Parse(l.Price), FixedDecimal.Parse(l.Size)))],
            [.. asks.Select(l => new BookLevel(FixedDecimal.Parse(l.Price), FixedDecimal.Parse(l.Size)))],
            new BookCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, receive));
    }

    public BookSnapshot Get(string key)
    {
        _requests.AddOrUpdate(key, 1, (_, n) => n + 1);
        return _books.TryGetValue(key, out var book) ? book : throw new InvalidOperationException($"No fake book {key}.");
    }

    public int Requests(string key) => _requests.TryGetValue(key, out var n) ? n : 0;
}
