using System.Runtime.InteropServices;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.Grains.Connectors;

/// <summary>
/// One book's events collected by its <see cref="BookFeed"/> since they were last delivered: book event headers, their
/// levels back to back, trades and the last venue BBO. Reused: a <see cref="BookFeed"/> owns two and swaps them, so
/// collecting and delivering allocate nothing once the lists have grown to a burst's size. Not thread-safe: the feed
/// guards the one being filled, and the one being delivered belongs to the deliverer.
/// </summary>
internal sealed class PendingBookEvents
{
    private readonly List<BookEventHeader> _events = [];
    private readonly List<LevelUpdate> _levels = [];
    private readonly List<Trade> _trades = [];

    /// <summary>Book events plus trades held (what counts against <see cref="BookFeed.MaxPending"/>).</summary>
    public int Count => _events.Count + _trades.Count;

    /// <summary>True when nothing is held, not even a BBO.</summary>
    public bool IsEmpty => _events.Count == 0 && _trades.Count == 0 && Bbo is null;

    /// <summary>The venue's latest own BBO since the last delivery; null when none arrived.</summary>
    public BestBidOffer? Bbo { get; set; }

    /// <summary>The book event headers, in receive order.</summary>
    public ReadOnlySpan<BookEventHeader> Events => CollectionsMarshal.AsSpan(_events);

    /// <summary>The levels of every event back to back (<see cref="BookEventHeader.LevelOffset"/> indexes into it).</summary>
    public ReadOnlySpan<LevelUpdate> Levels => CollectionsMarshal.AsSpan(_levels);

    /// <summary>The trades, oldest first.</summary>
    public ReadOnlySpan<Trade> Trades => CollectionsMarshal.AsSpan(_trades);

    /// <summary>Copies a book event and its levels (the caller keeps, and returns, the event's pooled levels).</summary>
    /// <param name="bookEvent">The event.</param>
    public void Add(in BookEvent bookEvent)
    {
        var levels = bookEvent.LevelSpan;
        _events.Add(new BookEventHeader(
            bookEvent.Kind,
            bookEvent.FirstUpdateId,
            bookEvent.LastUpdateId,
            bookEvent.PreviousUpdateId,
            _levels.Count,
            levels.Length,
            bookEvent.Checksum,
            bookEvent.ExchangeTime,
            bookEvent.ReceiveTime));
        _levels.AddRange(levels);
    }

    /// <summary>Adds a trade.</summary>
    /// <param name="trade">The trade.</param>
    public void Add(in Trade trade) => _trades.Add(trade);

    /// <summary>A copy in arrays of its own, for a grain call (the book is on another silo, or not active yet).</summary>
    /// <returns>The batch; these buffers can be cleared and reused at once.</returns>
    public BookEventBatch ToBatch() => new([.. _events], [.. _levels], [.. _trades], Bbo);

    /// <summary>Forgets everything held; the lists keep their capacity.</summary>
    public void Clear()
    {
        _events.Clear();
        _levels.Clear();
        _trades.Clear();
        Bbo = null;
    }
}
