namespace OrleansFeed.Exchanges.Common.Sync;

/// <summary>
/// The wire names of <see cref="BookSyncState"/> (REST <c>syncState</c>, WebSocket, NATS <c>Sync-State</c> header,
/// Redis last values, <c>replay --out</c>) and which states may quote in the NBBO.
/// </summary>
public static class BookSyncStates
{
    /// <summary>Wire name of <see cref="BookSyncState.Syncing"/>.</summary>
    public const string Syncing = "syncing";

    /// <summary>Wire name of <see cref="BookSyncState.Synced"/>.</summary>
    public const string Synced = "synced";

    /// <summary>Wire name of <see cref="BookSyncState.Unverified"/>.</summary>
    public const string Unverified = "unverified";

    /// <summary>Wire name of <see cref="BookSyncState.Unverifiable"/>.</summary>
    public const string Unverifiable = "unverifiable";

    /// <summary>The wire name of a state.</summary>
    /// <param name="state">The state.</param>
    /// <returns>Lower-case name; <c>syncing</c> for an unknown value.</returns>
    public static string ToText(BookSyncState state) => state switch
    {
        BookSyncState.Synced => Synced,
        BookSyncState.Unverified => Unverified,
        BookSyncState.Unverifiable => Unverifiable,
        _ => Syncing,
    };

    /// <summary>
    /// True when a book in this state may quote in the NBBO: <c>synced</c>, or <c>unverifiable</c> (the feed's best,
    /// with no proof to wait for). <c>syncing</c> and <c>unverified</c> books are out, like stale ones.
    /// </summary>
    /// <param name="state">A wire name.</param>
    /// <returns>True for <c>synced</c> and <c>unverifiable</c>.</returns>
    public static bool MayQuote(string? state) => state is Synced or Unverifiable;
}
