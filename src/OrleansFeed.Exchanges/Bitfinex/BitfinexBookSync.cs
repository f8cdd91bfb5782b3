using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Exchanges.Bitfinex;

/// <summary>
/// Book sync for a Bitfinex P0 book channel: the subscription sends the snapshot, then one level per update frame.
/// A frame whose connection sequence (SEQ_ALL) is not above the book's last one is stale (a duplicate); breaks in the
/// sequence are connection-wide and handled by <see cref="BitfinexFrameParser"/> (it resets every book of the connection).
/// <c>cs</c> frames (OB_CHECKSUM) arrive as level-less diffs carrying <see cref="BookEvent.Checksum"/>, verified with
/// <see cref="BitfinexChecksum"/>; a mismatch resyncs this book only.
/// </summary>
/// <remarks>Not thread-safe: one owner (the book's grain or the replay loop). No truncation is applied: Bitfinex sends a
/// removal (count 0) for each level that leaves the subscribed <c>len</c> window (the recordings never exceed it).</remarks>
/// <param name="maxLevelsPerSide">The book's per-side level cap (Bitfinex <c>len</c> is at most 250).</param>
public sealed class BitfinexBookSync(int maxLevelsPerSide = 10_000) : StreamSnapshotSync(maxLevelsPerSide)
{
    /// <inheritdoc />
    protected override Continuity CheckContinuity(in BookEvent diff, long lastUpdateId) =>
        diff.LastUpdateId > 0 && lastUpdateId > 0 && diff.LastUpdateId <= lastUpdateId ? Continuity.Stale : Continuity.Continuous;

    /// <inheritdoc />
    /// <remarks>With SEQ_ALL (<see cref="BookEvent.LastUpdateId"/> &gt; 0) the parser checks the connection's sequence and resets every book on a break.</remarks>
    protected override bool ProvesContinuity(in BookEvent diff) => diff.LastUpdateId > 0;

    /// <inheritdoc />
    protected override uint ComputeChecksum(OrderBook book) => BitfinexChecksum.Compute(book);
}
