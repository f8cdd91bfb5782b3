namespace OrleansFeed.Core.Books;

/// <summary>Where a book is in its venue's sync procedure.</summary>
public enum BookSyncState : byte
{
    /// <summary>No snapshot loaded yet (or resyncing): diffs are buffered, the book is stale.</summary>
    Syncing,

    /// <summary>Snapshot loaded and every diff since continuous: the book equals the venue's.</summary>
    Synced,
}
