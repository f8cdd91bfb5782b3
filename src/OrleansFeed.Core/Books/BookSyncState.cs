namespace OrleansFeed.Core.Books;

/// <summary>
/// Where a book is in its venue's sync procedure, and what it promises (docs/errors.md#book-states). Only
/// <see cref="Synced"/> promises that the book equals the venue's, at the depth the venue's proof covers.
/// </summary>
public enum BookSyncState : byte
{
    /// <summary>No snapshot loaded yet (or resyncing): diffs are buffered, the book is stale.</summary>
    Syncing,

    /// <summary>
    /// Snapshot loaded and the last update proven by the venue's own evidence (a continuous sequence or a matching
    /// checksum) with nothing since that could hide a lost update: the book equals the venue's (Kraken: top 10,
    /// OKX: top 25, sequenced feeds: the whole book held).
    /// </summary>
    Synced,

    /// <summary>
    /// Loaded and still maintained, but something since the last proof could hide a lost update (a rejected frame that
    /// may belong to this book, or to any book of its connection when its symbol could not be read). The book may be
    /// wrong; it is out of the NBBO. The next proof (a continuous sequence, a matching checksum) restores
    /// <see cref="Synced"/>; a resync (<see cref="Syncing"/>) replaces it.
    /// </summary>
    Unverified,

    /// <summary>
    /// Loaded and maintained from a feed that carries no proof at all (Coinbase Exchange <c>level2</c>: no sequence,
    /// no checksum; Bybit v2 <c>orderBookL2_25</c>: no update id): the book is the snapshot plus every update received,
    /// but a lost update cannot be detected. Never reported as <see cref="Synced"/>.
    /// </summary>
    Unverifiable,
}
