using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Bitfinex;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Tests.Binance;
using static OrleansFeed.Exchanges.Tests.Binance.BookEvents;

namespace OrleansFeed.Exchanges.Tests.Bitfinex;

/// <summary>Verifies the Bitfinex book procedure: snapshot then updates, stale sequence numbers, checksum verification and mismatch resync, connection resets.</summary>
public class BitfinexBookSyncTests
{
    private readonly BitfinexBookSync _sync = new();
    private readonly RecordingBookListener _listener = new();

    [Fact]
    public void SnapshotThenUpdates_Applied()
    {
        Offer(Snapshot(22, "b:230850:0.79335794", "a:231310:1.5")).Action.Should().Be(SyncAction.SnapshotLoaded);
        Offer(Diff(23, 23, -1, "b:230850:0")).Action.Should().Be(SyncAction.Applied);
        Offer(Diff(24, 24, -1, "a:231300:2")).Action.Should().Be(SyncAction.Applied);

        _sync.LastUpdateId.Should().Be(24);
        Side(_sync.Book, BookSide.Bid).Should().BeEmpty();
        Side(_sync.Book, BookSide.Ask).Should().Equal("231300:2", "231310:1.5");
    }

    [Fact]
    public void RepeatedSequence_IgnoredAsDuplicate()
    {
        Offer(Snapshot(22, "b:1:1"));
        Offer(Diff(23, 23, -1, "b:1:2"));

        Offer(Diff(23, 23, -1, "b:1:3")).Action.Should().Be(SyncAction.Ignored);

        _sync.Counters.Duplicates.Should().Be(1);
        Side(_sync.Book, BookSide.Bid).Should().Equal("1:2");
    }

    [Fact]
    public void WithoutSeqAll_ZeroIdsAlwaysContinue()
    {
        Offer(Snapshot(0, "b:1:1"));

        Offer(Diff(0, 0, -1, "b:1:2")).Action.Should().Be(SyncAction.Applied);
        Offer(Diff(0, 0, -1, "b:1:3")).Action.Should().Be(SyncAction.Applied);
    }

    [Fact]
    public void ChecksumFrame_MatchingBook_Verified()
    {
        Offer(Snapshot(22, "b:230850:0.79335794", "a:231310:1.50"));
        var checksum = BitfinexChecksum.Compute(_sync.Book);

        Offer(Diff(23, 23, -1) with { Checksum = checksum }).Action.Should().Be(SyncAction.Applied);

        _sync.Counters.ChecksumsVerified.Should().Be(1);
        _sync.State.Should().Be(BookSyncState.Synced);
    }

    [Fact]
    public void ChecksumFrame_Mismatch_ResyncRequested()
    {
        Offer(Snapshot(22, "b:230850:0.79335794", "a:231310:1.50"));

        Offer(Diff(23, 23, -1) with { Checksum = 12345u }).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.ChecksumMismatch));

        _sync.Counters.ChecksumFailures.Should().Be(1);
        _sync.State.Should().Be(BookSyncState.Syncing);
        Offer(Snapshot(30, "b:1:1")).Action.Should().Be(SyncAction.SnapshotLoaded);
        _sync.Epoch.Should().Be(2);
    }

    [Fact]
    public void ConnectionReset_StaleUntilResubscribed()
    {
        Offer(Snapshot(22, "b:1:1", "a:2:1"));

        Offer(BookEvent.Reset(Symbol, new Timestamp(1))).Reason.Should().Be(ResyncReason.ConnectionReset);
        Offer(Diff(40, 40, -1, "b:1:2")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Gap));

        _sync.Counters.Resyncs.Should().Be(1);
        Side(_sync.Book, BookSide.Bid).Should().Equal(new[] { "1:1" }, "the update after the reset is not applied");
    }

    private SyncResult Offer(BookEvent e) => _sync.OnEvent(e, _listener);
}
