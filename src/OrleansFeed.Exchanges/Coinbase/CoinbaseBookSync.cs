using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Exchanges.Coinbase;

/// <summary>
/// Book sync for both Coinbase feeds: the subscription sends the full book (<c>snapshot</c>), then absolute-size
/// updates (§5 "Sync procedure"; Exchange feed <c>l2update</c>). Continuity is always
/// <see cref="Continuity.Continuous"/> per book: the Exchange level2 channel carries no sequence numbers at all, and
/// Advanced Trade's <c>sequence_num</c> is connection-wide, so its gaps are detected by
/// <see cref="CoinbaseAdvancedFrameParser"/>, which resets every book of the connection. Neither feed sends a checksum.
/// </summary>
/// <remarks>Not thread-safe: one owner (the book's grain or the replay loop).</remarks>
/// <param name="maxLevelsPerSide">The book's per-side level cap (Coinbase books are full depth; default 50,000).</param>
public sealed class CoinbaseBookSync(int maxLevelsPerSide = 50_000) : StreamSnapshotSync(maxLevelsPerSide)
{
    /// <inheritdoc />
    /// <remarks>Advanced Trade events carry the connection's <c>sequence_num</c> (in <see cref="BookEvent.LastUpdateId"/>),
    /// checked by <see cref="CoinbaseAdvancedFrameParser"/>, which resets every book of the connection on a break.</remarks>
    protected override bool ProvesContinuity(in BookEvent diff) => diff.LastUpdateId > 0;

    /// <inheritdoc />
    /// <remarks>The Exchange <c>level2</c> channel (ids 0 from <see cref="CoinbaseExchangeFrameParser"/>) has no sequence and no checksum.</remarks>
    protected override bool IsUnverifiableFeed(in BookEvent bookEvent) => bookEvent.LastUpdateId == 0;
}
