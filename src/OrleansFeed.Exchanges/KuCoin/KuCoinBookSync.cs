using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Exchanges.KuCoin;

/// <summary>
/// KuCoin's level-2 "calibration" for one symbol (shared/docs/exchange-protocols.md §3 "Local order book sync"):
/// buffer <c>/market/level2</c> diffs, take the REST snapshot's <c>sequence</c>, drop diffs with
/// <c>sequenceEnd ≤ sequence</c>, require the first kept diff to have <c>sequenceStart ≤ sequence+1</c> and
/// <c>sequenceEnd &gt; sequence</c>, apply only the changes whose own sequence is above the book's, and from then on
/// require <c>sequenceStart ≤ previous sequenceEnd + 1</c> (a larger start is a gap → resync; in a healthy
/// stream it is exactly <c>previous sequenceEnd + 1</c>).
/// </summary>
/// <remarks>
/// <para>Depth-limited snapshots: the public <c>level2_100</c> (or <c>level2_20</c>) snapshot holds only the best N
/// levels per side. Levels deeper than the snapshot's worst price exist on the venue but reach the book only when a
/// diff touches them, so the book is exact only from the best price to <see cref="BidCoverageFloor"/> /
/// <see cref="AskCoverageCeiling"/>; beyond them it is a subset of the venue's book. A side whose snapshot held
/// fewer than N levels is complete (its boundary is null). The full keyed snapshot makes both boundaries null.</para>
/// <para>Not thread-safe: one owner (the book's grain or the replay loop) calls it.</para>
/// </remarks>
/// <seealso href="https://www.kucoin.com/docs-new/3470068w0"/>
public sealed class KuCoinBookSync : BufferedSnapshotSync
{
    private readonly int _snapshotLevelsPerSide;

    /// <summary>Creates the procedure for one symbol.</summary>
    /// <param name="snapshotLevelsPerSide">Levels per side of a depth-limited snapshot (20 or 100); 0 for the full book.</param>
    /// <param name="maxBuffered">Most diffs buffered while syncing. Default 10,000.</param>
    /// <param name="maxLevelsPerSide">The book's per-side level cap. Default 50,000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="snapshotLevelsPerSide"/> is negative, or <paramref name="maxBuffered"/> is not positive.</exception>
    public KuCoinBookSync(int snapshotLevelsPerSide = 100, int maxBuffered = 10_000, int maxLevelsPerSide = 50_000)
        : base(maxBuffered, maxLevelsPerSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(snapshotLevelsPerSide);
        _snapshotLevelsPerSide = snapshotLevelsPerSide;
    }

    /// <summary>
    /// The lowest bid price (quote currency) up to which the bid side is exact in this epoch: the worst bid of a
    /// depth-limited snapshot that filled its N levels. Null when the whole bid side is exact.
    /// </summary>
    public FixedDecimal? BidCoverageFloor { get; private set; }

    /// <summary>The highest ask price (quote currency) up to which the ask side is exact in this epoch; null when the whole ask side is exact.</summary>
    public FixedDecimal? AskCoverageCeiling { get; private set; }

    /// <summary>True when a level at <paramref name="price"/> is known exactly (inside the snapshot's coverage or any price when the side is complete).</summary>
    /// <param name="side">Side.</param>
    /// <param name="price">Price, quote currency.</param>
    /// <returns>Whether the book's size at that price equals the venue's.</returns>
    public bool IsCovered(BookSide side, FixedDecimal price) => side == BookSide.Bid
        ? BidCoverageFloor is not { } floor || price >= floor
        : AskCoverageCeiling is not { } ceiling || price <= ceiling;

    /// <inheritdoc />
    protected override bool IsContainedInSnapshot(in BookEvent diff, long snapshotId) => diff.LastUpdateId <= snapshotId;

    /// <inheritdoc />
    protected override bool Bridges(in BookEvent diff, long snapshotId) =>
        diff.FirstUpdateId <= snapshotId + 1 && diff.LastUpdateId > snapshotId;

    /// <inheritdoc />
    protected override Continuity CheckContinuity(in BookEvent diff, long lastUpdateId)
    {
        if (diff.LastUpdateId <= lastUpdateId)
        {
            return Continuity.Stale;
        }

        return diff.FirstUpdateId > lastUpdateId + 1 ? Continuity.Gap : Continuity.Continuous;
    }

    /// <inheritdoc />
    /// <remarks>Changes whose own sequence is at or below the book's are already in it (§3 step 4) and are skipped.</remarks>
    protected override bool ApplyLevels(in BookEvent diff, long lastUpdateId, IBookChangeListener? listener)
    {
        foreach (ref readonly var level in diff.LevelSpan)
        {
            if (level.Sequence != 0 && level.Sequence <= lastUpdateId)
            {
                continue;
            }

            if (!ApplyOne(level, listener))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    protected override void OnSnapshotLoaded(in BookEvent snapshot)
    {
        BidCoverageFloor = Boundary(BookSide.Bid);
        AskCoverageCeiling = Boundary(BookSide.Ask);
    }

    private FixedDecimal? Boundary(BookSide side) =>
        _snapshotLevelsPerSide > 0 && Book.Count(side) >= _snapshotLevelsPerSide && Book.TryGetWorst(side, out var worst)
            ? worst.Price
            : null;
}
