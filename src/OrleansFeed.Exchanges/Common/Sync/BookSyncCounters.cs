using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Exchanges.Common.Sync;

/// <summary>Per-book counters kept by the sync procedure; read by metrics, the API and <c>replay --out</c>.</summary>
/// <remarks>Written only inside the book owner's turn; reads from elsewhere may be a moment stale.</remarks>
public sealed class BookSyncCounters
{
    /// <summary>Book events (diffs and snapshots) offered.</summary>
    public long Messages { get; internal set; }

    /// <summary>Diffs applied to a synced book (buffered diffs applied at alignment included).</summary>
    public long Applied { get; internal set; }

    /// <summary>Diffs ignored as older than the book (duplicates, out of order).</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Sequence gaps detected.</summary>
    public long Gaps { get; internal set; }

    /// <summary>Times the book left the synced state (gap, crossed, reset, checksum...).</summary>
    public long Resyncs { get; internal set; }

    /// <summary>Snapshots loaded (each one a new epoch).</summary>
    public long SnapshotsLoaded { get; internal set; }

    /// <summary>Snapshots discarded as too old to align with the buffered diffs.</summary>
    public long SnapshotsTooOld { get; internal set; }

    /// <summary>Crossed books detected after an update.</summary>
    public long CrossedBooks { get; internal set; }

    /// <summary>Checksum mismatches (venues that send a checksum).</summary>
    public long ChecksumFailures { get; internal set; }

    /// <summary>Checksums that matched.</summary>
    public long ChecksumsVerified { get; internal set; }

    /// <summary>Buffered diffs dropped because the pre-snapshot buffer was full.</summary>
    public long BufferOverflows { get; internal set; }

    /// <summary>Frames naming this symbol rejected by the parser (counted from <see cref="Events.PossibleLossScope.Symbol"/> events).</summary>
    public long RejectedFrames { get; set; }

    /// <summary>
    /// Events that could hide a lost update for this book (rejected frames naming it, or naming no readable symbol on
    /// its connection); each one makes a synced book <see cref="BookSyncState.Unverified"/> until its next proof.
    /// </summary>
    public long PossibleLosses { get; internal set; }

    /// <summary>Times the book went from synced to unverified (a possible loss while synced).</summary>
    public long Unverified { get; internal set; }

    /// <summary>Receive time of the last update whose continuity (or checksum) was verified; UTC, µs.</summary>
    public Timestamp LastVerified { get; internal set; }
}
