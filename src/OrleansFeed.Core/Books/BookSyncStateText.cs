namespace OrleansFeed.Core.Books;

/// <summary>
/// The wire names of <see cref="BookSyncState"/> (REST <c>syncState</c>, WebSocket, NATS <c>Md-Sync-State</c> header,
/// Redis last values, <c>replay --out</c>) and which states may quote in the NBBO. Contracts and grains carry the enum;
/// only JSON writers and readers use these names (docs/errors.md#book-states).
/// </summary>
public static class BookSyncStateText
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
    public static string ToWire(this BookSyncState state) => state switch
    {
        BookSyncState.Synced => Synced,
        BookSyncState.Unverified => Unverified,
        BookSyncState.Unverifiable => Unverifiable,
        _ => Syncing,
    };

    /// <summary>The state of a wire name; an unknown or missing name reads as <see cref="BookSyncState.Syncing"/> (stale).</summary>
    /// <param name="text">The wire name.</param>
    /// <returns>The state.</returns>
    public static BookSyncState FromWire(string? text) => text switch
    {
        Synced => BookSyncState.Synced,
        Unverified => BookSyncState.Unverified,
        Unverifiable => BookSyncState.Unverifiable,
        _ => BookSyncState.Syncing,
    };

    /// <summary>
    /// True when a book in this state may quote in the NBBO: <see cref="BookSyncState.Synced"/>, or
    /// <see cref="BookSyncState.Unverifiable"/> (the feed's best, with no proof to wait for). Syncing and unverified
    /// books are out, like stale ones.
    /// </summary>
    /// <param name="state">The state.</param>
    /// <returns>True for synced and unverifiable.</returns>
    public static bool MayQuote(this BookSyncState state) => state is BookSyncState.Synced or BookSyncState.Unverifiable;
}
