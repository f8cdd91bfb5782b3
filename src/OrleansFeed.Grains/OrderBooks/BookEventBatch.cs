using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;

namespace OrleansFeed.Grains.OrderBooks;

/// <summary>
/// One book's venue events since its previous batch, in receive order, in arrays the batch owns: the level updates of
/// every event back to back in <see cref="Levels"/> (no pooled array crosses the grain call; the book copies each
/// event's slice into a pooled array of its own), the trades, and the last venue BBO. Never changed after it is sent.
/// </summary>
/// <param name="Events">The book events (diffs, snapshots, resets).</param>
/// <param name="Levels">The level updates of all events, <see cref="BookEventHeader.LevelOffset"/> indexes into it.</param>
/// <param name="Trades">Trades, oldest first.</param>
/// <param name="Bbo">The venue's latest own BBO in this batch; null when none arrived.</param>
[Immutable]
public sealed record BookEventBatch(BookEventHeader[] Events, LevelUpdate[] Levels, Trade[] Trades, BestBidOffer? Bbo);

/// <summary>A <see cref="BookEvent"/> without its levels (they are a slice of <see cref="BookEventBatch.Levels"/>).</summary>
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
