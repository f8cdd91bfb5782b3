using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Events;

namespace OrleansFeed.Exchanges.Common.Sync;

/// <summary>
/// The "REST snapshot + buffered diffs" procedure shared by Binance (spot, USD-M, COIN-M, US) and KuCoin:
/// buffer diffs, fetch a snapshot, drop diffs the snapshot already contains, require the first remaining diff
/// to bridge the snapshot, then apply diffs while a venue-specific continuity rule holds. A gap, a crossed
/// book or a level-cap breach sends the book back to buffering (stale but readable) and asks for a snapshot.
/// A <see cref="BookEventKind.PossibleLoss"/> makes a synced book <see cref="BookSyncState.Unverified"/>; it keeps
/// applying diffs, and the next continuous diff (the sequence proves nothing was lost) restores
/// <see cref="BookSyncState.Synced"/>, while a lost diff shows as a gap and resyncs.
/// </summary>
/// <remarks>Subclasses state the venue rules: <see cref="IsContainedInSnapshot"/>, <see cref="Bridges"/>,
/// <see cref="CheckContinuity"/>. Sources: shared/docs/exchange-protocols.md §1 (spot), §2 (USD-M), §3 (KuCoin).</remarks>
public abstract class BufferedSnapshotSync : IBookSynchronizer
{
    private readonly Queue<BookEvent> _buffer = new();
    private readonly int _maxBuffered;
    private BookEvent _pendingSnapshot;
    private bool _hasPendingSnapshot;
    private bool _snapshotRequested;
    private long _lastDroppedEnd = -1;

    /// <summary>Creates the procedure over a new book.</summary>
    /// <param name="maxBuffered">Most diffs buffered while syncing (oldest dropped beyond). Default 10,000.</param>
    /// <param name="maxLevelsPerSide">The book's per-side level cap.</param>
    protected BufferedSnapshotSync(int maxBuffered = 10_000, int maxLevelsPerSide = 50_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBuffered);
        _maxBuffered = maxBuffered;
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

    /// <summary>Diffs currently buffered.</summary>
    public int Buffered => _buffer.Count;

    /// <inheritdoc />
    public SyncResult OnEvent(in BookEvent bookEvent, IBookChangeListener? listener)
    {
        Counters.Messages++;
        switch (bookEvent.Kind)
        {
            case BookEventKind.Snapshot:
                return OnSnapshot(bookEvent, listener);
            case BookEventKind.ConnectionReset:
                return Resync(ResyncReason.ConnectionReset, requestNow: false);
            case BookEventKind.PossibleLoss:
                return OnPossibleLoss(bookEvent);
            default:
                return OnDiff(bookEvent, listener);
        }
    }

    /// <inheritdoc />
    public SyncResult ForceResync(ResyncReason reason) => Resync(reason, requestNow: true);

    /// <inheritdoc />
    public void OnSnapshotRequestFailed() => _snapshotRequested = false;

    /// <summary>True when the snapshot (last id <paramref name="snapshotId"/>) already contains the whole diff.</summary>
    /// <param name="diff">A buffered diff.</param>
    /// <param name="snapshotId">The snapshot's last update id.</param>
    /// <returns>True to drop the diff.</returns>
    protected abstract bool IsContainedInSnapshot(in BookEvent diff, long snapshotId);

    /// <summary>True when <paramref name="diff"/> (the first not contained in the snapshot) continues the snapshot.</summary>
    /// <param name="diff">The diff.</param>
    /// <param name="snapshotId">The snapshot's last update id.</param>
    /// <returns>False when updates between the snapshot and the diff are missing (snapshot too old).</returns>
    protected abstract bool Bridges(in BookEvent diff, long snapshotId);

    /// <summary>Continuity of a live diff against the book's last update id.</summary>
    /// <param name="diff">The diff.</param>
    /// <param name="lastUpdateId">The book's last update id.</param>
    /// <returns>Continuous, stale or gap.</returns>
    protected abstract Continuity CheckContinuity(in BookEvent diff, long lastUpdateId);

    /// <summary>Applies a diff's levels. Venues with per-level sequences (KuCoin) override to filter.</summary>
    /// <param name="diff">The diff.</param>
    /// <param name="lastUpdateId">The book's id before this diff.</param>
    /// <param name="listener">Change listener.</param>
    /// <returns>False when the book refused a level (cap reached).</returns>
    protected virtual bool ApplyLevels(in BookEvent diff, long lastUpdateId, IBookChangeListener? listener) =>
        ApplyAll(diff.LevelSpan, listener);

    /// <summary>
    /// Called once the book holds exactly the snapshot's levels, before any buffered diff is applied (e.g. KuCoin
    /// records how deep a depth-limited <c>level2_100</c> snapshot reaches). Does nothing by default.
    /// </summary>
    /// <param name="snapshot">The snapshot just loaded; its levels are still valid during the call.</param>
    protected virtual void OnSnapshotLoaded(in BookEvent snapshot)
    {
    }

    /// <summary>Applies levels in order (the venue's order matters when one price repeats).</summary>
    /// <param name="levels">The levels.</param>
    /// <param name="listener">Change listener.</param>
    /// <returns>False when the book refused a level.</returns>
    protected bool ApplyAll(ReadOnlySpan<LevelUpdate> levels, IBookChangeListener? listener)
    {
        foreach (ref readonly var level in levels)
        {
            if (!ApplyOne(level, listener))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Applies one level.</summary>
    /// <param name="level">The level.</param>
    /// <param name="listener">Change listener.</param>
    /// <returns>False when the book refused it.</returns>
    protected bool ApplyOne(in LevelUpdate level, IBookChangeListener? listener)
    {
        var result = Book.Set(level.Side, level.Price, level.Size);
        switch (result)
        {
            case BookUpdateResult.RejectedTooManyLevels:
            case BookUpdateResult.RejectedInvalid:
                return false;
            case BookUpdateResult.RemovedUnknown:
                return true;
            default:
                listener?.OnLevelChanged(level.Side, level.Price, level.Size);
                return true;
        }
    }

    private SyncResult OnPossibleLoss(in BookEvent loss)
    {
        Counters.PossibleLosses++;
        if (loss.LossScope == PossibleLossScope.Symbol)
        {
            Counters.RejectedFrames++;
        }

        // While syncing, a lost diff shows when the buffer is aligned (bridge and continuity rules): nothing to mark.
        if (State == BookSyncState.Synced)
        {
            Counters.Unverified++;
            State = BookSyncState.Unverified;
        }

        return new SyncResult(SyncAction.Ignored, ResyncReason.RejectedFrame);
    }

    private SyncResult OnDiff(in BookEvent diff, IBookChangeListener? listener)
    {
        if (State != BookSyncState.Syncing)
        {
            switch (CheckContinuity(diff, LastUpdateId))
            {
                case Continuity.Stale:
                    Counters.Duplicates++;
                    diff.ReturnLevels();
                    return new SyncResult(SyncAction.Ignored);
                case Continuity.Gap:
                    Counters.Gaps++;
                    var gap = Resync(ResyncReason.Gap, requestNow: true);
                    Enqueue(diff);
                    return gap;
            }

            var ok = Apply(diff, listener);
            diff.ReturnLevels();
            return ok;
        }

        Enqueue(diff);
        if (_hasPendingSnapshot)
        {
            return TryAlign(listener);
        }

        if (!_snapshotRequested)
        {
            _snapshotRequested = true;
            return new SyncResult(SyncAction.RequestSnapshot, Epoch == 0 ? ResyncReason.Initial : ResyncReason.Gap);
        }

        return new SyncResult(SyncAction.Buffered);
    }

    private SyncResult OnSnapshot(in BookEvent snapshot, IBookChangeListener? listener)
    {
        _snapshotRequested = false;
        if (State != BookSyncState.Syncing)
        {
            // An unsolicited snapshot while synced (a late answer to an earlier request) changes nothing.
            snapshot.ReturnLevels();
            return new SyncResult(SyncAction.Ignored);
        }

        if (_hasPendingSnapshot)
        {
            _pendingSnapshot.ReturnLevels();
        }

        _pendingSnapshot = snapshot;
        _hasPendingSnapshot = true;
        _lastDroppedEnd = -1;
        return TryAlign(listener);
    }

    private SyncResult TryAlign(IBookChangeListener? listener)
    {
        var snapshotId = _pendingSnapshot.LastUpdateId;
        while (_buffer.Count > 0 && IsContainedInSnapshot(_buffer.Peek(), snapshotId))
        {
            var dropped = _buffer.Dequeue();
            _lastDroppedEnd = dropped.LastUpdateId;
            dropped.ReturnLevels();
        }

        if (_buffer.Count == 0)
        {
            if (_lastDroppedEnd == snapshotId && snapshotId > 0)
            {
                // The snapshot ends exactly where the last diff received ends: it continues that diff, so it can be
                // loaded now; the next diff is then checked by the ordinary continuity rule.
                LoadSnapshot(listener);
                return Book.IsCrossed ? RejectCrossedSnapshot() : new SyncResult(SyncAction.SnapshotLoaded);
            }

            // The snapshot is ahead of every diff seen so far: wait for the diff that bridges it.
            return new SyncResult(SyncAction.Buffered);
        }

        if (!Bridges(_buffer.Peek(), snapshotId))
        {
            Counters.SnapshotsTooOld++;
            DropPendingSnapshot();
            _snapshotRequested = true;
            return new SyncResult(SyncAction.RequestSnapshot, ResyncReason.SnapshotTooOld);
        }

        LoadSnapshot(listener);
        if (Book.IsCrossed)
        {
            return RejectCrossedSnapshot();
        }

        var first = true;
        while (_buffer.Count > 0)
        {
            var diff = _buffer.Dequeue();
            var continuity = first ? Continuity.Continuous : CheckContinuity(diff, LastUpdateId);
            first = false;
            if (continuity == Continuity.Stale)
            {
                Counters.Duplicates++;
                diff.ReturnLevels();
                continue;
            }

            if (continuity == Continuity.Gap)
            {
                Counters.Gaps++;
                var gap = Resync(ResyncReason.Gap, requestNow: true);
                Enqueue(diff);
                return gap;
            }

            var applied = Apply(diff, listener);
            diff.ReturnLevels();
            if (applied.Action != SyncAction.Applied)
            {
                return applied;
            }
        }

        return new SyncResult(SyncAction.SnapshotLoaded);
    }

    private void LoadSnapshot(IBookChangeListener? listener)
    {
        Book.Clear();
        Epoch++;
        listener?.OnBookRebuilt(Epoch);
        foreach (ref readonly var level in _pendingSnapshot.LevelSpan)
        {
            // Snapshot levels are announced through OnBookRebuilt; consumers read the book itself.
            Book.Set(level.Side, level.Price, level.Size);
        }

        LastUpdateId = _pendingSnapshot.LastUpdateId;
        Counters.LastVerified = _pendingSnapshot.ReceiveTime;
        OnSnapshotLoaded(_pendingSnapshot);
        DropPendingSnapshot();
        Counters.SnapshotsLoaded++;
        State = BookSyncState.Synced;
    }

    private SyncResult RejectCrossedSnapshot()
    {
        // A crossed snapshot is damaged: never serve it as verified; ask for another.
        Counters.CrossedBooks++;
        return Resync(ResyncReason.CrossedBook, requestNow: true);
    }

    private SyncResult Apply(in BookEvent diff, IBookChangeListener? listener)
    {
        if (!ApplyLevels(diff, LastUpdateId, listener))
        {
            return Resync(ResyncReason.TooManyLevels, requestNow: true);
        }

        LastUpdateId = diff.LastUpdateId;
        Counters.Applied++;
        Counters.LastVerified = diff.ReceiveTime;

        // A continuous diff is the proof: nothing was lost since the last one.
        State = BookSyncState.Synced;
        if (Book.IsCrossed)
        {
            Counters.CrossedBooks++;
            return Resync(ResyncReason.CrossedBook, requestNow: true);
        }

        return new SyncResult(SyncAction.Applied);
    }

    private SyncResult Resync(ResyncReason reason, bool requestNow)
    {
        if (State != BookSyncState.Syncing)
        {
            Counters.Resyncs++;
        }

        State = BookSyncState.Syncing;
        while (_buffer.Count > 0)
        {
            _buffer.Dequeue().ReturnLevels();
        }

        DropPendingSnapshot();
        _snapshotRequested = requestNow;
        return new SyncResult(requestNow ? SyncAction.RequestSnapshot : SyncAction.Buffered, reason);
    }

    private void Enqueue(in BookEvent diff)
    {
        if (_buffer.Count >= _maxBuffered)
        {
            Counters.BufferOverflows++;
            _buffer.Dequeue().ReturnLevels();
        }

        _buffer.Enqueue(diff);
    }

    private void DropPendingSnapshot()
    {
        if (_hasPendingSnapshot)
        {
            _pendingSnapshot.ReturnLevels();
            _pendingSnapshot = default;
            _hasPendingSnapshot = false;
        }
    }
}
