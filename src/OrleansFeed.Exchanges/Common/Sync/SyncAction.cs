namespace OrleansFeed.Exchanges.Common.Sync;

/// <summary>What the sync procedure did with an event, and what the owner must do next.</summary>
public enum SyncAction : byte
{
    /// <summary>The diff was applied to a synced book.</summary>
    Applied,

    /// <summary>The event was buffered while waiting for (or aligning with) a snapshot.</summary>
    Buffered,

    /// <summary>The diff was older than the book (duplicate or out of order) and ignored.</summary>
    Ignored,

    /// <summary>A snapshot was loaded and the buffered diffs applied: the book is synced.</summary>
    SnapshotLoaded,

    /// <summary>The owner must fetch a snapshot (initial sync, gap, too-old snapshot, crossed book...).</summary>
    RequestSnapshot,
}

/// <summary>Result of offering one event to a sync procedure.</summary>
/// <param name="Action">What happened / what to do.</param>
/// <param name="Reason">Why a snapshot is requested or the book resynced; <see cref="ResyncReason.None"/> otherwise.</param>
public readonly record struct SyncResult(SyncAction Action, ResyncReason Reason = ResyncReason.None);
