using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Exchanges.Bybit;

/// <summary>
/// Bybit book sync for one symbol (§7 "Order book sync (<c>orderbook.N</c>)"): every <c>snapshot</c> replaces the book,
/// even while synced (Bybit re-sends one when it has a problem, and level-1 books are snapshots only, re-pushed every
/// ~3 s with the same <c>u</c>); a <c>delta</c> must carry <c>u</c> = previous <c>u</c> + 1, otherwise the topic is
/// resubscribed; a delta with <c>u == 1</c> means the service restarted and also resyncs; a delta whose cross sequence
/// <c>seq</c> went backwards is treated as a gap. The book is trimmed to the subscribed depth after every update.
/// </summary>
/// <remarks>
/// <para>Id mapping (set by <see cref="BybitFrameParser"/>): v5 <c>u</c> → <see cref="BookEvent.LastUpdateId"/>,
/// <c>seq</c> → <see cref="BookEvent.FirstUpdateId"/> (0 when absent), <see cref="BookEvent.PreviousUpdateId"/> = -1.
/// The retired v2 <c>orderBookL2_25</c> has no update id: <c>cross_seq</c> → first and last id and
/// <see cref="BookEvent.PreviousUpdateId"/> = <see cref="CrossSequenceOnly"/>; such deltas need a strictly larger
/// <c>cross_seq</c> (an equal or older one is a duplicate) and cannot reveal a gap.</para>
/// <para>One instance per book, called from the book owner's turn only.</para>
/// </remarks>
/// <param name="depth">Levels per side kept (the <c>N</c> of <c>orderbook.N</c>: 1, 50, 200 or 1000); 1..50,000.</param>
/// <param name="maxLevelsPerSide">The book's per-side level cap.</param>
/// <seealso href="https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook"/>
public sealed class BybitBookSync(int depth = 50, int maxLevelsPerSide = 50_000) : StreamSnapshotSync(maxLevelsPerSide)
{
    /// <summary>The <see cref="BookEvent.PreviousUpdateId"/> of a v2 event, whose only id is the cross sequence.</summary>
    public const long CrossSequenceOnly = -2;

    private long _lastSeq;
    private long _seqEpoch = -1;

    /// <summary>Levels per side kept.</summary>
    public int Depth { get; } = depth;

    /// <inheritdoc />
    protected override Continuity CheckContinuity(in BookEvent diff, long lastUpdateId)
    {
        if (diff.PreviousUpdateId == CrossSequenceOnly)
        {
            return diff.LastUpdateId > lastUpdateId ? Continuity.Continuous : Continuity.Stale;
        }

        var u = diff.LastUpdateId;
        if (u == 1)
        {
            return Continuity.Gap;
        }

        if (u <= lastUpdateId)
        {
            return Continuity.Stale;
        }

        if (u != lastUpdateId + 1)
        {
            return Continuity.Gap;
        }

        // The snapshot's seq is not visible here, so the first delta of an epoch only sets the baseline.
        var seq = diff.FirstUpdateId;
        if (seq > 0)
        {
            if (_seqEpoch == Epoch && seq < _lastSeq)
            {
                return Continuity.Gap;
            }

            _lastSeq = seq;
            _seqEpoch = Epoch;
        }

        return Continuity.Continuous;
    }

    /// <inheritdoc />
    /// <remarks>v5 deltas carry <c>u</c>, checked to be the previous + 1; v2 deltas carry only <c>cross_seq</c>, which cannot reveal a gap.</remarks>
    protected override bool ProvesContinuity(in BookEvent diff) => diff.PreviousUpdateId != CrossSequenceOnly;

    /// <inheritdoc />
    /// <remarks>The retired v2 <c>orderBookL2_25</c> has no update id and no checksum: nothing can prove its book.</remarks>
    protected override bool IsUnverifiableFeed(in BookEvent bookEvent) => bookEvent.PreviousUpdateId == CrossSequenceOnly;

    /// <inheritdoc />
    protected override void AfterApply(IBookChangeListener? listener) => TruncateTo(Depth, listener);
}
