using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>
/// Kraken's book maintenance for one pair (shared/docs/exchange-protocols.md §4 "Book maintenance and sync"):
/// the subscription's snapshot starts each epoch; every update's levels are applied in array order (qty 0 deletes,
/// a republished <c>"r"</c> level is an ordinary set), the book is trimmed to the subscribed depth (Kraken sends no
/// delete for a level pushed out of scope), then the CRC-32 of the top 10 (<see cref="KrakenChecksum"/>) is compared
/// with the venue's. A mismatch counts in <see cref="BookSyncCounters.ChecksumFailures"/> and asks for a fresh
/// snapshot (<see cref="ResyncReason.ChecksumMismatch"/>): the connector unsubscribes and resubscribes this pair only.
/// </summary>
/// <remarks>
/// <para>Kraken has no sequence numbers: every update continues the book and the checksum is the only integrity check.</para>
/// <para>The subscribed depth travels on each event in <see cref="BookEvent.FirstUpdateId"/> (see
/// <see cref="KrakenFrameParser"/>: v1 reads it from the <c>book-N</c> channel name, v2 from the subscribe ack);
/// it is read before the update's levels are applied. Not thread-safe: one owner calls it.</para>
/// </remarks>
/// <seealso href="https://docs.kraken.com/api/docs/guides/spot-ws-book-v2"/>
public sealed class KrakenBookSync : StreamSnapshotSync
{
    private readonly KrakenBookChecksum _checksum = new();
    private int _depth;

    /// <summary>Creates the procedure for one pair.</summary>
    /// <param name="depth">Depth to trim to until an event names the subscribed depth; default 1000 (Kraken's largest).</param>
    /// <param name="maxLevelsPerSide">The book's per-side level cap (default 50,000).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is not positive.</exception>
    public KrakenBookSync(int depth = KrakenSubscriptions.MaxDepth, int maxLevelsPerSide = 50_000)
        : base(maxLevelsPerSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        _depth = depth;
    }

    /// <summary>The depth the book is trimmed to after every update (levels per side).</summary>
    public int Depth => _depth;

    /// <inheritdoc />
    /// <remarks>No sequence on Kraken: always continuous. Records the subscribed depth the event carries.</remarks>
    protected override Continuity CheckContinuity(in BookEvent diff, long lastUpdateId)
    {
        if (diff.FirstUpdateId > 0)
        {
            _depth = (int)Math.Min(diff.FirstUpdateId, int.MaxValue);
        }

        return Continuity.Continuous;
    }

    /// <inheritdoc />
    protected override void AfterApply(IBookChangeListener? listener) => TruncateTo(_depth, listener);

    /// <inheritdoc />
    /// <remarks>Kept between updates (<see cref="KrakenBookChecksum"/>): only values new in the top 10 are formatted.</remarks>
    protected override uint ComputeChecksum(OrderBook book) => _checksum.Compute(book);
}
