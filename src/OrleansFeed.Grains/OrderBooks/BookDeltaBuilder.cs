using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Grains.OrderBooks;

/// <summary>
/// The <see cref="OrderBookGrain"/>'s <see cref="IBookChangeListener"/>: collects the level changes one book event
/// makes into a reused scratch array, then builds the <see cref="BookDelta"/> the grain publishes.
/// </summary>
/// <remarks>
/// Per published update this allocates exactly two objects: the <see cref="BookDelta"/> and its exact-size
/// <see cref="BookDelta.Changes"/> array (one copy out of the scratch). Rebuilt and stale deltas share the empty
/// array. Neither can be pooled: a delta is an immutable event handed by reference to every stream consumer
/// (WebSocket sessions, aggregator, NATS bridge, Redis), each on its own pump and at its own pace, and nothing tells
/// the grain when the last one is done with it (docs/benchmarks.md, "Distribution side"). Not thread-safe: used
/// inside the grain's turn.
/// </remarks>
public sealed class BookDeltaBuilder : IBookChangeListener
{
    private LevelChange[] _scratch = new LevelChange[64];

    /// <summary>Changes collected since <see cref="Begin"/> (0 after a rebuild).</summary>
    public int Count { get; private set; }

    /// <summary>True when the book was rebuilt (new epoch) since <see cref="Begin"/>.</summary>
    public bool Rebuilt { get; private set; }

    /// <summary>Starts a new book event: forgets the previous changes and the rebuilt flag.</summary>
    public void Begin()
    {
        Count = 0;
        Rebuilt = false;
    }

    /// <inheritdoc />
    public void OnBookRebuilt(long epoch)
    {
        // A rebuild publishes no changes: consumers take a snapshot instead.
        Rebuilt = true;
        Count = 0;
    }

    /// <inheritdoc />
    public void OnLevelChanged(BookSide side, FixedDecimal price, FixedDecimal size)
    {
        if (Rebuilt)
        {
            return;
        }

        if (Count == _scratch.Length)
        {
            // Grows to the largest event seen (a venue's biggest diff), then stays.
            Array.Resize(ref _scratch, _scratch.Length * 2);
        }

        _scratch[Count++] = new LevelChange(side, price, size);
    }

    /// <summary>Builds the delta to publish for the current event.</summary>
    /// <param name="book">The venue-symbol.</param>
    /// <param name="kind">Update (carries the collected changes), rebuilt or stale (no changes).</param>
    /// <param name="sequence">The book's gap-free delta sequence.</param>
    /// <param name="epoch">The book epoch (rebuild count).</param>
    /// <param name="syncState">The book's state after this delta.</param>
    /// <param name="lastUpdateId">Venue update id the book is at.</param>
    /// <param name="exchangeTime">Venue event time (UTC, µs).</param>
    /// <param name="receiveTime">Our receive time (UTC, µs).</param>
    /// <returns>A new immutable delta; its changes array is its own (never the scratch).</returns>
    public BookDelta Build(BookKey book, BookDeltaKind kind, long sequence, long epoch, BookSyncState syncState, long lastUpdateId, Timestamp exchangeTime, Timestamp receiveTime)
    {
        LevelChange[] changes = kind == BookDeltaKind.Update && Count > 0 ? _scratch.AsSpan(0, Count).ToArray() : [];
        return new BookDelta(book.Venue, book.Symbol, kind, sequence, epoch, syncState, lastUpdateId, changes, exchangeTime, receiveTime);
    }
}
