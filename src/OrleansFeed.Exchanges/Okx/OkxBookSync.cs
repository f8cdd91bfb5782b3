using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Exchanges.Okx;

/// <summary>
/// OKX v5 book sync for one instrument (§6 "Sequence rules", "Checksum"): the subscription sends a snapshot
/// (<c>prevSeqId = -1</c>) which replaces the book; each update's <c>prevSeqId</c> must equal the last applied
/// <c>seqId</c> (an idle keep-alive has <c>seqId == prevSeqId</c>, a post-maintenance reset has <c>seqId &lt; prevSeqId</c>:
/// both valid); any other value is a gap and the instrument is resubscribed. A non-zero <c>checksum</c> is verified
/// against the best 25 levels per side after trimming the book to the channel depth.
/// </summary>
/// <remarks>
/// <para>Id mapping (set by <see cref="OkxFrameParser"/>): <c>seqId</c> → <see cref="BookEvent.FirstUpdateId"/> and
/// <see cref="BookEvent.LastUpdateId"/>, <c>prevSeqId</c> → <see cref="BookEvent.PreviousUpdateId"/>. Frames of the
/// 2021-2022 era carry no sequence fields: the parser then sets <see cref="NoSequence"/> and only the checksum protects the book.</para>
/// <para>One instance per book, called from the book owner's turn only.</para>
/// </remarks>
/// <param name="depth">Levels per side kept (400 for <c>books</c>/<c>books-l2-tbt</c>, 50 for <c>books50-l2-tbt</c>); 1..50,000.</param>
/// <param name="maxLevelsPerSide">The book's per-side level cap.</param>
/// <seealso href="https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel"/>
public sealed class OkxBookSync(int depth = 400, int maxLevelsPerSide = 50_000) : StreamSnapshotSync(maxLevelsPerSide)
{
    /// <summary>The id value the parser uses when a frame carries no <c>seqId</c>/<c>prevSeqId</c>.</summary>
    public const long NoSequence = UpdateIds.None;

    private readonly OkxBookChecksum _checksum = new();

    /// <summary>Levels per side kept.</summary>
    public int Depth { get; } = depth;

    /// <inheritdoc />
    protected override Continuity CheckContinuity(in BookEvent diff, long lastUpdateId)
    {
        if (diff.PreviousUpdateId == NoSequence || lastUpdateId == NoSequence || diff.PreviousUpdateId == lastUpdateId)
        {
            return Continuity.Continuous;
        }

        // The very frame already applied (seqId equal, prevSeqId behind it) is a duplicate, not a loss.
        return diff.LastUpdateId == lastUpdateId && diff.PreviousUpdateId < lastUpdateId ? Continuity.Stale : Continuity.Gap;
    }

    /// <inheritdoc />
    /// <remarks>Sequenced frames (<c>prevSeqId</c> present) prove continuity; 2021-2022 frames have only the checksum.</remarks>
    protected override bool ProvesContinuity(in BookEvent diff) => diff.PreviousUpdateId != NoSequence;

    /// <inheritdoc />
    /// <remarks>Kept between updates (<see cref="OkxBookChecksum"/>): only values new in the top 25 are formatted.</remarks>
    protected override uint ComputeChecksum(OrderBook book) => _checksum.Compute(book);

    /// <inheritdoc />
    protected override void AfterApply(IBookChangeListener? listener) => TruncateTo(Depth, listener);
}
