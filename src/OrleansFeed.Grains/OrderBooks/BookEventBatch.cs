using System.Runtime.InteropServices;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;

namespace OrleansFeed.Grains.OrderBooks;

/// <summary>
/// One book's venue events since its previous batch, in receive order, in storage the batch owns: the level updates of
/// every event back to back (no pooled array crosses the grain call; the book copies each event's slice into a pooled
/// array of its own), the trades, and the last venue BBO.
/// <para>
/// Reused: the connector's feed of a book keeps two batches, fills one while the other is in the book's
/// <see cref="IBookFeedGrain.ApplyAsync"/> call, and clears and refills a batch only after that call returned, so the
/// steady state allocates no batch. The book must not keep a reference to a batch (or its contents) after the call.
/// <see cref="ImmutableAttribute"/> tells Orleans not to copy it: books are placed on their connector's silo, so the
/// call passes this very object.
/// </para>
/// </summary>
[Immutable]
public sealed class BookEventBatch
{
    private readonly List<BookEventHeader> _events = [];
    private readonly List<LevelUpdate> _levels = [];
    private readonly List<Trade> _trades = [];

    /// <summary>The book events (diffs, snapshots, resets), oldest first.</summary>
    public IReadOnlyList<BookEventHeader> Events => _events;

    /// <summary>Trades, oldest first.</summary>
    public IReadOnlyList<Trade> Trades => _trades;

    /// <summary>The venue's latest own BBO in this batch; null when none arrived.</summary>
    public BestBidOffer? Bbo { get; private set; }

    /// <summary>Book events plus trades held (the feed's back-pressure count).</summary>
    public int Count => _events.Count + _trades.Count;

    /// <summary>True when the batch holds nothing to send.</summary>
    public bool IsEmpty => _events.Count == 0 && _trades.Count == 0 && Bbo is null;

    /// <summary>The level updates of one event of this batch.</summary>
    /// <param name="header">One of <see cref="Events"/>.</param>
    /// <returns>Its levels, a view into the batch's storage (valid until the call returns).</returns>
    public ReadOnlySpan<LevelUpdate> LevelsOf(in BookEventHeader header) =>
        CollectionsMarshal.AsSpan(_levels).Slice(header.LevelOffset, header.LevelCount);

    /// <summary>Copies a book event (its levels included) into the batch; the caller keeps the event's pooled levels.</summary>
    internal void Add(in BookEvent bookEvent)
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

    internal void Add(in Trade trade) => _trades.Add(trade);

    internal void Set(in BestBidOffer bbo) => Bbo = bbo;

    /// <summary>Empties the batch for reuse, keeping its storage.</summary>
    internal void Clear()
    {
        _events.Clear();
        _levels.Clear();
        _trades.Clear();
        Bbo = null;
    }
}

/// <summary>A <see cref="BookEvent"/> without its levels (they are a slice of the batch's levels, <see cref="BookEventBatch.LevelsOf"/>).</summary>
/// <param name="Kind">Diff, snapshot or connection reset.</param>
/// <param name="FirstUpdateId">The venue's first update id of the event.</param>
/// <param name="LastUpdateId">The venue's last update id of the event.</param>
/// <param name="PreviousUpdateId">The venue's previous update id (futures <c>pu</c>); -1 when none.</param>
/// <param name="LevelOffset">Index of the event's first level in the batch's levels.</param>
/// <param name="LevelCount">How many levels the event has.</param>
/// <param name="Checksum">The venue's book checksum after the event; null when none.</param>
/// <param name="ExchangeTime">Venue event time (UTC, µs).</param>
/// <param name="ReceiveTime">Our receive time (UTC, µs).</param>
public readonly record struct BookEventHeader(
    BookEventKind Kind,
    long FirstUpdateId,
    long LastUpdateId,
    long PreviousUpdateId,
    int LevelOffset,
    int LevelCount,
    uint? Checksum,
    Timestamp ExchangeTime,
    Timestamp ReceiveTime);
