namespace OrleansFeed.Core.Books;

/// <summary>Outcome of setting one level. Per-level problems are values, not exceptions.</summary>
public enum BookUpdateResult : byte
{
    /// <summary>A new level was added.</summary>
    Inserted,

    /// <summary>An existing level's size changed (or was re-set to the same size).</summary>
    Updated,

    /// <summary>A level was removed (size zero).</summary>
    Removed,

    /// <summary>Size zero for a price the book does not hold: normal for every venue (§0), ignored.</summary>
    RemovedUnknown,

    /// <summary>Rejected: negative size or a non-positive price.</summary>
    RejectedInvalid,

    /// <summary>Rejected: the side already holds its maximum number of levels.</summary>
    RejectedTooManyLevels,
}
