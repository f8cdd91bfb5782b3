using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Exchanges.Binance;

/// <summary>
/// Binance's "How to manage a local order book correctly" for one symbol.
/// Spot / US (§1): drop diffs with <c>u ≤ lastUpdateId</c>; the first applied diff satisfies
/// <c>U ≤ lastUpdateId+1 ≤ u</c>; then each diff must have <c>U ≤ id+1</c> (gap if <c>U &gt; id+1</c>) and
/// diffs with <c>u ≤ id</c> are ignored. Futures USD-M / COIN-M (§2): drop diffs with <c>u &lt; lastUpdateId</c>;
/// the first satisfies <c>U ≤ lastUpdateId ≤ u</c>; then each diff's <c>pu</c> must equal the previous <c>u</c>.
/// </summary>
/// <seealso href="https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#how-to-manage-a-local-order-book-correctly"/>
/// <seealso href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/How-to-manage-a-local-order-book-correctly"/>
public sealed class BinanceBookSync : BufferedSnapshotSync
{
    private readonly bool _futures;

    /// <summary>Creates the procedure for one symbol.</summary>
    /// <param name="market">Which market's rules to follow.</param>
    /// <param name="maxBuffered">Most diffs buffered while syncing.</param>
    /// <param name="maxLevelsPerSide">The book's per-side level cap.</param>
    public BinanceBookSync(BinanceMarket market, int maxBuffered = 10_000, int maxLevelsPerSide = 50_000)
        : base(maxBuffered, maxLevelsPerSide)
    {
        _futures = market.IsFutures();
    }

    /// <inheritdoc />
    protected override bool IsContainedInSnapshot(in BookEvent diff, long snapshotId) =>
        _futures ? diff.LastUpdateId < snapshotId : diff.LastUpdateId <= snapshotId;

    /// <inheritdoc />
    protected override bool Bridges(in BookEvent diff, long snapshotId) =>
        _futures
            ? diff.FirstUpdateId <= snapshotId && diff.LastUpdateId >= snapshotId
            : diff.FirstUpdateId <= snapshotId + 1 && diff.LastUpdateId >= snapshotId + 1;

    /// <inheritdoc />
    protected override Continuity CheckContinuity(in BookEvent diff, long lastUpdateId)
    {
        if (diff.LastUpdateId <= lastUpdateId)
        {
            return Continuity.Stale;
        }

        if (_futures)
        {
            return diff.PreviousUpdateId == lastUpdateId ? Continuity.Continuous : Continuity.Gap;
        }

        return diff.FirstUpdateId > lastUpdateId + 1 ? Continuity.Gap : Continuity.Continuous;
    }
}
