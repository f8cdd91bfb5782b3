namespace OrleansFeed.Exchanges.Common.Sync;

/// <summary>How a diff relates to the book's last applied update id, by the venue's sequence rule.</summary>
public enum Continuity : byte
{
    /// <summary>Continues the book: apply.</summary>
    Continuous,

    /// <summary>Already contained in the book (a duplicate or late frame): ignore.</summary>
    Stale,

    /// <summary>Something is missing between the book and this diff: resync.</summary>
    Gap,
}
