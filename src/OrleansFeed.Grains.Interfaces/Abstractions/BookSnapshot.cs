using Orleans;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>A consistent view of one book.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Symbol">Native symbol.</param>
/// <param name="Instrument">Canonical instrument, e.g. <c>BTC-USDT-PERP</c>.</param>
/// <param name="SyncState">Synced (proven equal to the venue's at the depth its proof covers), unverified (something since the
/// last proof could hide a lost update), unverifiable (the feed carries no proof) or syncing (stale, being rebuilt);
/// JSON names in <see cref="BookSyncStateText"/>, promises in docs/errors.md#book-states.</param>
/// <param name="Epoch">Rebuild count: increments every time the book is rebuilt from a snapshot.</param>
/// <param name="Sequence">Sequence of the last <see cref="BookDelta"/> published; deltas after this snapshot start at <c>Sequence + 1</c>.</param>
/// <param name="LastUpdateId">Venue update id the book reflects.</param>
/// <param name="ExchangeTime">Venue time of the last applied event (UTC, µs).</param>
/// <param name="ReceiveTime">Our receive time of the last applied event (UTC, µs).</param>
/// <param name="Bids">Bid levels, best (highest) first; price in quote currency, size in base units.</param>
/// <param name="Asks">Ask levels, best (lowest) first.</param>
/// <param name="Counters">Sync and parser counters.</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.BookSnapshot")]
public sealed record BookSnapshot(
    string Venue,
    string Symbol,
    string Instrument,
    BookSyncState SyncState,
    long Epoch,
    long Sequence,
    long LastUpdateId,
    Timestamp ExchangeTime,
    Timestamp ReceiveTime,
    BookLevel[] Bids,
    BookLevel[] Asks,
    BookCounters Counters)
{
    /// <summary>True unless the book is synced (resyncing, unverified or unverifiable): its levels may differ from the venue's.</summary>
    public bool IsStale => SyncState != BookSyncState.Synced;

    /// <summary>The Orleans silo holding the book (its silo address, e.g. <c>S127.0.0.1:11111:123456789</c>, as listed by
    /// <c>GET /api/v1/cluster</c>); null when not known.</summary>
    public string? Silo { get; init; }
}

/// <summary>Per-book counters (see <c>BookSyncCounters</c> for definitions).</summary>
/// <param name="Messages">Book events received.</param>
/// <param name="Applied">Diffs applied.</param>
/// <param name="Gaps">Sequence gaps detected.</param>
/// <param name="Resyncs">Times the book left the synced state.</param>
/// <param name="SnapshotsLoaded">Snapshots loaded.</param>
/// <param name="Duplicates">Stale diffs ignored.</param>
/// <param name="CrossedBooks">Crossed books detected.</param>
/// <param name="ChecksumFailures">Checksum mismatches.</param>
/// <param name="RejectedFrames">Frames for this symbol the parser rejected.</param>
/// <param name="LastVerified">Receive time of the last verified update (UTC, µs).</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.BookCounters")]
public sealed record BookCounters(
    long Messages,
    long Applied,
    long Gaps,
    long Resyncs,
    long SnapshotsLoaded,
    long Duplicates,
    long CrossedBooks,
    long ChecksumFailures,
    long RejectedFrames,
    Timestamp LastVerified)
{
    /// <summary>Venue checksums recomputed from the book and found equal (Kraken, OKX); 0 for venues without checksums.</summary>
    public long ChecksumsVerified { get; init; }
}
