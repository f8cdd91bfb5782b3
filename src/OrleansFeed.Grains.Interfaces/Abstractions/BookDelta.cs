using Orleans;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>What a <see cref="BookDelta"/> announces.</summary>
[GenerateSerializer]
[Alias("OrleansFeed.BookDeltaKind")]
public enum BookDeltaKind : byte
{
    /// <summary>Levels changed; apply <see cref="BookDelta.Changes"/> to the book at <c>Sequence - 1</c>.</summary>
    Update,

    /// <summary>The book was rebuilt (new epoch): discard local state and take a fresh snapshot.</summary>
    Rebuilt,

    /// <summary>The book went stale (resyncing): no level change; consumers show the stale flag.</summary>
    Stale,
}

/// <summary>A level change in a <see cref="BookDelta"/>.</summary>
/// <param name="Side">Bid or ask.</param>
/// <param name="Price">Price in quote currency.</param>
/// <param name="Size">New total size in base units; zero means the level was removed.</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.LevelChange")]
public readonly record struct LevelChange(BookSide Side, FixedDecimal Price, FixedDecimal Size);

/// <summary>
/// One change of one book, published by its <c>OrderBookGrain</c> on <see cref="StreamNamespaces.BookDeltas"/>.
/// <see cref="Sequence"/> increases by exactly one per delta of a book, so a consumer that sees a jump lost
/// deltas and must take a snapshot.
/// </summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Symbol">Native symbol.</param>
/// <param name="Kind">Update, rebuilt or stale.</param>
/// <param name="Sequence">Gap-free per-book sequence (starts at 1).</param>
/// <param name="Epoch">Book epoch.</param>
/// <param name="SyncState">Synced (proven equal to the venue's at the depth its proof covers), unverified (something since the
/// last proof could hide a lost update), unverifiable (the feed carries no proof) or syncing (stale, being rebuilt);
/// JSON names in <see cref="BookSyncStateText"/>, promises in docs/errors.md#book-states.</param>
/// <param name="LastUpdateId">Venue update id after this delta.</param>
/// <param name="Changes">Level changes in venue order (empty for rebuilt/stale).</param>
/// <param name="ExchangeTime">Venue time of the triggering event (UTC, µs).</param>
/// <param name="ReceiveTime">Our receive time of the triggering event (UTC, µs).</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.BookDelta")]
public sealed record BookDelta(
    string Venue,
    string Symbol,
    BookDeltaKind Kind,
    long Sequence,
    long Epoch,
    BookSyncState SyncState,
    long LastUpdateId,
    LevelChange[] Changes,
    Timestamp ExchangeTime,
    Timestamp ReceiveTime);
