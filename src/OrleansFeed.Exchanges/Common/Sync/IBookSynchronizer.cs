using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Events;

namespace OrleansFeed.Exchanges.Common.Sync;

/// <summary>
/// A venue's documented procedure for keeping a local L2 book equal to the venue's: which events to
/// buffer, how a snapshot aligns with diffs, which sequence rule detects a gap. One instance per book;
/// called from the book owner's turn only (not thread-safe).
/// </summary>
/// <remarks>Never throws for bad venue data: problems come back as <see cref="SyncResult"/> values and the
/// book is left unchanged or flagged stale. Takes ownership of every event's rented levels.</remarks>
public interface IBookSynchronizer
{
    /// <summary>Synced or syncing (stale).</summary>
    BookSyncState State { get; }

    /// <summary>The venue update id the book reflects (Binance <c>u</c> of the last applied diff).</summary>
    long LastUpdateId { get; }

    /// <summary>Incremented on every rebuild from a snapshot; 0 before the first.</summary>
    long Epoch { get; }

    /// <summary>Counters.</summary>
    BookSyncCounters Counters { get; }

    /// <summary>The book this procedure maintains.</summary>
    OrderBook Book { get; }

    /// <summary>Offers one event (diff, snapshot or reset).</summary>
    /// <param name="bookEvent">The event; its levels are returned to the pool by this call or later.</param>
    /// <param name="listener">Told about level changes and rebuilds; may be null.</param>
    /// <returns>What happened and what the owner must do next.</returns>
    SyncResult OnEvent(in BookEvent bookEvent, IBookChangeListener? listener);

    /// <summary>Forces a resync (e.g. the owner saw a rejected frame for this symbol); keeps the book readable but stale.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>Always a <see cref="SyncAction.RequestSnapshot"/> result.</returns>
    SyncResult ForceResync(ResyncReason reason);

    /// <summary>The owner's snapshot request failed; the next diff asks again.</summary>
    void OnSnapshotRequestFailed();
}
