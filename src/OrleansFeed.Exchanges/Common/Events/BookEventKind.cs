using OrleansFeed.Core.Books;

namespace OrleansFeed.Exchanges.Common.Events;

/// <summary>What a <see cref="BookEvent"/> carries.</summary>
public enum BookEventKind : byte
{
    /// <summary>An incremental update (Binance <c>depthUpdate</c>).</summary>
    Diff,

    /// <summary>A full snapshot (Binance REST <c>/depth</c>), replacing the book.</summary>
    Snapshot,

    /// <summary>The connection carrying this book was lost or replaced: the book is stale until resynced.</summary>
    ConnectionReset,

    /// <summary>
    /// Something that could hide a lost update for this book happened on its connection (a frame was rejected): a
    /// synced book becomes <see cref="BookSyncState.Unverified"/> until its next proof. No levels;
    /// <see cref="BookEvent.FirstUpdateId"/> holds the <see cref="PossibleLossScope"/>.
    /// </summary>
    PossibleLoss,
}
