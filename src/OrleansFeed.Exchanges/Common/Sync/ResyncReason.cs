namespace OrleansFeed.Exchanges.Common.Sync;

/// <summary>Why a book left <see cref="Core.Books.BookSyncState.Synced"/> or why a snapshot is needed.</summary>
public enum ResyncReason : byte
{
    /// <summary>None.</summary>
    None,

    /// <summary>First sync after start.</summary>
    Initial,

    /// <summary>A diff did not continue the previous one (Binance: <c>U &gt; id+1</c>, futures: <c>pu != id</c>).</summary>
    Gap,

    /// <summary>The snapshot ended before the first buffered diff started: it is too old to align.</summary>
    SnapshotTooOld,

    /// <summary>After an update the best bid was at or above the best ask.</summary>
    CrossedBook,

    /// <summary>The book hit its per-side level cap.</summary>
    TooManyLevels,

    /// <summary>The connection was lost or replaced.</summary>
    ConnectionReset,

    /// <summary>The pre-snapshot buffer overflowed and alignment became impossible.</summary>
    BufferOverflow,

    /// <summary>A venue checksum did not match the local book (venues that send one).</summary>
    ChecksumMismatch,

    /// <summary>A frame for this symbol was rejected, so an update may be missing.</summary>
    RejectedFrame,
}
