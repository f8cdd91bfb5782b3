using OrleansFeed.Core.Books;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>
/// The wire names of <see cref="BookSyncState"/> in REST, WebSocket, NATS and Redis JSON (<c>"synced"</c>,
/// <c>"syncing"</c>): contracts and grains carry the enum, only the JSON writers and readers use these names.
/// </summary>
public static class BookSyncStateText
{
    /// <summary><c>synced</c>: the book is verified against the venue.</summary>
    public const string Synced = "synced";

    /// <summary><c>syncing</c>: the book is stale and being rebuilt.</summary>
    public const string Syncing = "syncing";

    /// <summary>The wire name of a state.</summary>
    /// <param name="state">The state.</param>
    /// <returns><see cref="Synced"/> or <see cref="Syncing"/>.</returns>
    public static string ToWire(this BookSyncState state) => state == BookSyncState.Synced ? Synced : Syncing;

    /// <summary>The state of a wire name; anything but <see cref="Synced"/> reads as <see cref="BookSyncState.Syncing"/> (stale).</summary>
    /// <param name="text">The wire name.</param>
    /// <returns>The state.</returns>
    public static BookSyncState FromWire(string? text) => text == Synced ? BookSyncState.Synced : BookSyncState.Syncing;
}
