using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.KuCoin;
using OrleansFeed.Exchanges.Tests.Binance;
using static OrleansFeed.Exchanges.Tests.KuCoin.KuCoinEvents;

namespace OrleansFeed.Exchanges.Tests.KuCoin;

/// <summary>Verifies KuCoin's calibration (drop sequenceEnd ≤ snapshot, bridge, per-change sequence filter, gap → resync) and snapshot coverage on hand-built events.</summary>
public class KuCoinBookSyncTests
{
    private readonly KuCoinBookSync _sync = new(snapshotLevelsPerSide: 0);
    private readonly RecordingBookListener _listener = new();

    [Fact]
    public void NormalStart_DropsContainedDiffsAndStaleChanges_BookEqualsExpected()
    {
        Offer(Diff(10, 12, "b:100:1:10", "a:101:1:12")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Initial));
        Offer(Diff(13, 16, "b:100:2:14", "a:101:0:15", "a:102:3:16")).Action.Should().Be(SyncAction.Buffered);
        Offer(Diff(17, 17, "b:99:5:17")).Action.Should().Be(SyncAction.Buffered);

        // The official example: snapshot sequence 15, so the bridging diff's changes with sequence ≤ 15 are skipped.
        var result = Offer(Snapshot(15, "b:100:2", "b:98:1", "a:102:9", "a:103:1"));

        result.Action.Should().Be(SyncAction.SnapshotLoaded);
        _sync.State.Should().Be(BookSyncState.Synced);
        _sync.LastUpdateId.Should().Be(17);
        Side(_sync.Book, BookSide.Bid).Should().Equal("100:2", "99:5", "98:1");
        Side(_sync.Book, BookSide.Ask).Should().Equal("102:3", "103:1");
        _sync.Counters.Applied.Should().Be(2);
        _listener.Calls.Should().Equal("rebuilt:1", "a:102:3", "b:99:5");

        Offer(Diff(18, 18, "a:102:0:18")).Action.Should().Be(SyncAction.Applied);
        Side(_sync.Book, BookSide.Ask).Should().Equal("103:1");
    }

    [Fact]
    public void LiveDiff_StartBeyondPreviousEndPlusOne_CountsGapRequestsSnapshotAndResyncs()
    {
        Offer(Diff(1, 1, "b:10:1:1"));
        Offer(Snapshot(0, "b:9:1", "a:11:1"));
        _sync.State.Should().Be(BookSyncState.Synced);

        Offer(Diff(3, 3, "a:12:1:3")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Gap));

        _sync.State.Should().Be(BookSyncState.Syncing);
        _sync.Counters.Gaps.Should().Be(1);
        _sync.Counters.Resyncs.Should().Be(1);
        Offer(Diff(4, 4, "a:13:1:4")).Action.Should().Be(SyncAction.Buffered);

        Offer(Snapshot(3, "b:10:1", "b:9:1", "a:11:1", "a:12:1")).Action.Should().Be(SyncAction.SnapshotLoaded);
        _sync.Epoch.Should().Be(2);
        _sync.LastUpdateId.Should().Be(4);
        Side(_sync.Book, BookSide.Ask).Should().Equal("11:1", "12:1", "13:1");
    }

    [Fact]
    public void LiveDiff_AlreadyApplied_IsIgnoredAsDuplicate()
    {
        Offer(Diff(5, 5, "b:10:1:5"));
        Offer(Snapshot(4, "b:9:1"));

        Offer(Diff(5, 5, "b:10:7:5")).Action.Should().Be(SyncAction.Ignored);

        _sync.Counters.Duplicates.Should().Be(1);
        Side(_sync.Book, BookSide.Bid).Should().Equal("10:1", "9:1");
    }

    [Fact]
    public void LiveDiff_WithoutLevels_AdvancesSequence()
    {
        Offer(Diff(5, 5, "b:10:1:5"));
        Offer(Snapshot(4, "b:9:1"));

        Offer(Diff(6, 6)).Action.Should().Be(SyncAction.Applied, "a price-\"0\" placeholder still advances the sequence");
        Offer(Diff(7, 7, "b:9:0:7")).Action.Should().Be(SyncAction.Applied);

        _sync.LastUpdateId.Should().Be(7);
        Side(_sync.Book, BookSide.Bid).Should().Equal("10:1");
    }

    [Fact]
    public void Snapshot_OlderThanFirstBufferedDiff_RequestsNewerSnapshot()
    {
        Offer(Diff(20, 22, "b:10:1:21"));

        Offer(Snapshot(10, "b:9:1")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.SnapshotTooOld));

        _sync.Counters.SnapshotsTooOld.Should().Be(1);
        _sync.State.Should().Be(BookSyncState.Syncing);
        Offer(Snapshot(20, "b:10:1", "a:11:1")).Action.Should().Be(SyncAction.SnapshotLoaded);
        _sync.LastUpdateId.Should().Be(22);
    }

    [Fact]
    public void Snapshot_AheadOfAllDiffs_WaitsForBridgingDiff()
    {
        Offer(Diff(1, 1, "b:10:1:1"));

        Offer(Snapshot(3, "b:10:2", "a:11:1")).Action.Should().Be(SyncAction.Buffered);
        Offer(Diff(2, 2, "b:10:5:2")).Action.Should().Be(SyncAction.Buffered, "contained in the snapshot");
        Offer(Diff(3, 4, "b:10:3:3", "b:9:1:4")).Action.Should().Be(SyncAction.SnapshotLoaded);

        Side(_sync.Book, BookSide.Bid).Should().Equal("10:2", "9:1");
        _sync.LastUpdateId.Should().Be(4);
    }

    [Fact]
    public void DepthLimitedSnapshot_FilledSide_SetsCoverageBoundaryAndKeepsDeeperDiffLevels()
    {
        var sync = new KuCoinBookSync(snapshotLevelsPerSide: 2);
        sync.OnEvent(Diff(1, 1, "b:10:1:1"), null);
        sync.OnEvent(Snapshot(0, "b:10:1", "b:9:1", "a:11:1"), null);

        sync.BidCoverageFloor.Should().Be(FixedDecimal.Parse("9"), "the bid side filled the 2-level snapshot");
        sync.AskCoverageCeiling.Should().BeNull("the ask side had fewer levels than the cap, so it is complete");
        sync.OnEvent(Diff(2, 2, "b:8:4:2"), null).Action.Should().Be(SyncAction.Applied);
        Side(sync.Book, BookSide.Bid).Should().Equal("10:1", "9:1", "8:4");
        sync.IsCovered(BookSide.Bid, FixedDecimal.Parse("9")).Should().BeTrue();
        sync.IsCovered(BookSide.Bid, FixedDecimal.Parse("8")).Should().BeFalse("levels beyond the snapshot come only from diffs");
        sync.IsCovered(BookSide.Ask, FixedDecimal.Parse("1000")).Should().BeTrue();
    }

    [Fact]
    public void FullSnapshot_NeverSetsCoverageBoundaries()
    {
        Offer(Diff(1, 1, "b:10:1:1"));
        Offer(Snapshot(0, "b:10:1", "b:9:1", "a:11:1"));

        _sync.BidCoverageFloor.Should().BeNull();
        _sync.AskCoverageCeiling.Should().BeNull();
    }

    private SyncResult Offer(Common.Events.BookEvent bookEvent) => _sync.OnEvent(bookEvent, _listener);
}
