using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Events;

namespace OrleansFeed.Exchanges.Common.Sync;

/// <summary>
/// Book-sync procedure for venues whose WebSocket subscription delivers the snapshot itself (Kraken, Coinbase,
/// OKX, Bybit, Bitfinex; <see cref="Venues.BookSnapshotSource.Stream"/>): every snapshot starts a new epoch,
/// each diff is checked by the venue's sequence rule (<see cref="CheckContinuity"/>), applied, truncated to the
/// subscribed depth (<see cref="AfterApply"/>) and, when the venue sent a checksum, verified against
/// <see cref="ComputeChecksum"/>. A gap, a checksum mismatch or a crossed book marks this symbol stale and asks
/// for a fresh snapshot (the connector re-subscribes this one symbol); diffs are ignored until it arrives.
/// A <see cref="BookEventKind.PossibleLoss"/> makes a synced book <see cref="BookSyncState.Unverified"/>: it keeps
/// applying diffs and returns to <see cref="BookSyncState.Synced"/> at the next proof (a matching checksum, or a diff
/// whose sequence the venue's rule checked, <see cref="ProvesContinuity"/>). A feed with no proof at all
/// (<see cref="IsUnverifiableFeed"/>) is <see cref="BookSyncState.Unverifiable"/>, never synced.
/// </summary>
/// <remarks>Not thread-safe: one owner (the book's grain or the replay loop) calls it.</remarks>
public abstract class StreamSnapshotSync : IBookSynchronizer
{
    private bool _snapshotRequested;

    /// <summary>Creates the procedure with an empty book.</summary>
    /// <param name="maxLevelsPerSide">The book's per-side level cap.</param>
    protected StreamSnapshotSync(int maxLevelsPerSide = 50_000)
    {
        Book = new OrderBook(maxLevelsPerSide);
    }

    /// <inheritdoc />
    public BookSyncState State { get; private set; } = BookSyncState.Syncing;

    /// <inheritdoc />
    public long LastUpdateId { get; private set; }

    /// <inheritdoc />
    public long Epoch { get; private set; }

    /// <inheritdoc />
    public BookSyncCounters Counters { get; } = new();

    /// <inheritdoc />
    public OrderBook Book { get; }

    /// <inheritdoc />
    public SyncResult OnEvent(in BookEvent bookEvent, IBookChangeListener? listener)
    {
        Counters.Messages++;
        try
        {
            return bookEvent.Kind switch
            {
                BookEventKind.Snapshot => OnSnapshot(bookEvent, listener),
                BookEventKind.ConnectionReset => Resync(ResyncReason.ConnectionReset, requestNow: false),
                BookEventKind.PossibleLoss => OnPossibleLoss(bookEvent),
                _ => OnDiff(bookEvent, listener),
            };
        }
        finally
        {
            bookEvent.ReturnLevels();
        }
    }

    /// <inheritdoc />
    public SyncResult ForceResync(ResyncReason reason) => Resync(reason, requestNow: true);

    /// <inheritdoc />
    public void OnSnapshotRequestFailed() => _snapshotRequested = false;

    /// <summary>The venue's sequence rule for a diff against the last applied update id; continuous by default (no sequence, e.g. Kraken).</summary>
    /// <param name="diff">The diff.</param>
    /// <param name="lastUpdateId">The book's last update id (the snapshot's or the last diff's).</param>
    /// <returns>How the diff continues the book.</returns>
    protected virtual Continuity CheckContinuity(in BookEvent diff, long lastUpdateId) => Continuity.Continuous;

    /// <summary>
    /// True when a continuous <paramref name="diff"/> is proof that no update was lost before it: its sequence was
    /// checked by <see cref="CheckContinuity"/> (or connection-wide by the parser, which resets the books on a break).
    /// False by default (no sequence, e.g. Kraken: only the checksum proves).
    /// </summary>
    /// <param name="diff">A diff that was just applied.</param>
    /// <returns>True when the diff proves continuity.</returns>
    protected virtual bool ProvesContinuity(in BookEvent diff) => false;

    /// <summary>True when the event comes from a feed that carries no proof at all (no sequence, no checksum): the book is then <see cref="BookSyncState.Unverifiable"/>.</summary>
    /// <param name="bookEvent">A snapshot or diff.</param>
    /// <returns>False by default.</returns>
    protected virtual bool IsUnverifiableFeed(in BookEvent bookEvent) => false;

    /// <summary>Recomputes the venue's checksum from the book; called only for events that carry one.</summary>
    /// <param name="book">The book after the event was applied and truncated.</param>
    /// <returns>The checksum to compare with <see cref="BookEvent.Checksum"/>.</returns>
    /// <exception cref="NotSupportedException">The venue sends checksums but the subclass did not implement them.</exception>
    protected virtual uint ComputeChecksum(OrderBook book) =>
        throw new NotSupportedException($"{GetType().Name} receives checksums but does not compute them.");

    /// <summary>Runs after levels are applied and before verification, e.g. to truncate to the subscribed depth (Kraken §4).</summary>
    /// <param name="listener">Told about every level removed.</param>
    protected virtual void AfterApply(IBookChangeListener? listener)
    {
    }

    /// <summary>Removes levels beyond the best <paramref name="depth"/> per side, reporting each removal.</summary>
    /// <param name="depth">Levels to keep per side.</param>
    /// <param name="listener">Told about each removed level (size zero).</param>
    protected void TruncateTo(int depth, IBookChangeListener? listener)
    {
        foreach (var side in (ReadOnlySpan<BookSide>)[BookSide.Bid, BookSide.Ask])
        {
            while (Book.Count(side) > depth && Book.TryGetWorst(side, out var worst))
            {
                Book.Set(side, worst.Price, default);
                listener?.OnLevelChanged(side, worst.Price, default);
            }
        }
    }

    private SyncResult OnSnapshot(in BookEvent snapshot, IBookChangeListener? listener)
    {
        _snapshotRequested = false;
        Book.Clear();
        Epoch++;
        listener?.OnBookRebuilt(Epoch);
        foreach (ref readonly var level in snapshot.LevelSpan)
        {
            if (Book.Set(level.Side, level.Price, level.Size) is BookUpdateResult.RejectedInvalid or BookUpdateResult.RejectedTooManyLevels)
            {
                return Resync(ResyncReason.TooManyLevels, requestNow: true);
            }
        }

        AfterApply(listener: null);
        LastUpdateId = snapshot.LastUpdateId;
        Counters.SnapshotsLoaded++;
        State = IsUnverifiableFeed(snapshot) ? BookSyncState.Unverifiable : BookSyncState.Synced;
        if (Book.IsCrossed)
        {
            // A crossed snapshot is damaged (or the venue's own glitch): never serve it as verified.
            Counters.CrossedBooks++;
            return Resync(ResyncReason.CrossedBook, requestNow: true);
        }

        return Verify(snapshot, isSnapshot: true) ?? new SyncResult(SyncAction.SnapshotLoaded);
    }

    private SyncResult OnDiff(in BookEvent diff, IBookChangeListener? listener)
    {
        if (State == BookSyncState.Syncing)
        {
            if (_snapshotRequested)
            {
                return new SyncResult(SyncAction.Ignored);
            }

            _snapshotRequested = true;
            return new SyncResult(SyncAction.RequestSnapshot, Epoch == 0 ? ResyncReason.Initial : ResyncReason.Gap);
        }

        switch (CheckContinuity(diff, LastUpdateId))
        {
            case Continuity.Stale:
                Counters.Duplicates++;
                return new SyncResult(SyncAction.Ignored);
            case Continuity.Gap:
                Counters.Gaps++;
                return Resync(ResyncReason.Gap, requestNow: true);
        }

        foreach (ref readonly var level in diff.LevelSpan)
        {
            var result = Book.Set(level.Side, level.Price, level.Size);
            if (result is BookUpdateResult.RejectedInvalid or BookUpdateResult.RejectedTooManyLevels)
            {
                return Resync(ResyncReason.TooManyLevels, requestNow: true);
            }

            if (result != BookUpdateResult.RemovedUnknown)
            {
                listener?.OnLevelChanged(level.Side, level.Price, level.Size);
            }
        }

        AfterApply(listener);
        LastUpdateId = diff.LastUpdateId;
        Counters.Applied++;
        if (Book.IsCrossed)
        {
            Counters.CrossedBooks++;
            return Resync(ResyncReason.CrossedBook, requestNow: true);
        }

        return Verify(diff, isSnapshot: false) ?? new SyncResult(SyncAction.Applied);
    }

    private SyncResult? Verify(in BookEvent bookEvent, bool isSnapshot)
    {
        if (bookEvent.Checksum is not { } expected)
        {
            if (IsUnverifiableFeed(bookEvent))
            {
                // No proof will ever come: what was possibly lost stays possible (unverified), otherwise unverifiable.
                State = State == BookSyncState.Unverified ? BookSyncState.Unverified : BookSyncState.Unverifiable;
            }
            else if (isSnapshot || ProvesContinuity(bookEvent))
            {
                // A snapshot, or a diff whose sequence was checked: the book is as verified as the venue allows.
                Proven(bookEvent);
            }

            // Otherwise (a checksum venue's diff without one, e.g. a Bitfinex level between cs frames): no new proof;
            // the state stays as it was until the next checksum.
            return null;
        }

        if (ComputeChecksum(Book) != expected)
        {
            Counters.ChecksumFailures++;
            return Resync(ResyncReason.ChecksumMismatch, requestNow: true);
        }

        Counters.ChecksumsVerified++;
        Proven(bookEvent);
        return null;
    }

    private void Proven(in BookEvent bookEvent)
    {
        Counters.LastVerified = bookEvent.ReceiveTime;
        State = BookSyncState.Synced;
    }

    private SyncResult OnPossibleLoss(in BookEvent loss)
    {
        Counters.PossibleLosses++;
        if (loss.LossScope == PossibleLossScope.Symbol)
        {
            Counters.RejectedFrames++;
        }

        if (State is BookSyncState.Synced or BookSyncState.Unverifiable)
        {
            Counters.Unverified += State == BookSyncState.Synced ? 1 : 0;
            State = BookSyncState.Unverified;
        }

        return new SyncResult(SyncAction.Ignored, ResyncReason.RejectedFrame);
    }

    private SyncResult Resync(ResyncReason reason, bool requestNow)
    {
        if (State != BookSyncState.Syncing)
        {
            Counters.Resyncs++;
        }

        State = BookSyncState.Syncing;
        _snapshotRequested = requestNow;
        return new SyncResult(requestNow ? SyncAction.RequestSnapshot : SyncAction.Buffered, reason);
    }
}
