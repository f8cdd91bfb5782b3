using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;
using static OrleansFeed.Exchanges.Tests.Binance.BookEvents;

namespace OrleansFeed.Exchanges.Tests.Binance;

/// <summary>Verifies the Binance spot local-book procedure (U ≤ id+1 ≤ u alignment, U &gt; id+1 gaps) on hand-built events.</summary>
public class BinanceSpotSyncTests
{
    private readonly BinanceBookSync _sync = new(BinanceMarket.Spot);
    private readonly RecordingBookListener _listener = new();

    [Fact]
    public void NormalStart_BuffersDiffsDropsContainedAppliesBridging_BookEqualsExpected()
    {
        Offer(Diff(90, 99, -1, "b:100:9")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Initial));
        Offer(Diff(100, 100, -1, "b:100:8")).Action.Should().Be(SyncAction.Buffered);
        Offer(Diff(101, 103, -1, "b:100:0", "a:102:7")).Action.Should().Be(SyncAction.Buffered);
        Offer(Diff(104, 106, -1, "b:99.5:1.50")).Action.Should().Be(SyncAction.Buffered);
        _sync.State.Should().Be(BookSyncState.Syncing);

        var result = Offer(Snapshot(100, "b:100:8", "b:99:2", "a:101:3", "a:102:4"));

        result.Action.Should().Be(SyncAction.SnapshotLoaded);
        _sync.State.Should().Be(BookSyncState.Synced);
        _sync.LastUpdateId.Should().Be(106);
        _sync.Epoch.Should().Be(1);
        Side(_sync.Book, BookSide.Bid).Should().Equal("99.5:1.50", "99:2");
        Side(_sync.Book, BookSide.Ask).Should().Equal("101:3", "102:7");
        _sync.Counters.Applied.Should().Be(2, "the diffs with u <= 100 are contained in the snapshot");
        _sync.Counters.SnapshotsLoaded.Should().Be(1);
        _sync.Buffered.Should().Be(0);
        _listener.Calls.Should().Equal("rebuilt:1", "b:100:0", "a:102:7", "b:99.5:1.50");

        Offer(Diff(107, 107, -1, "a:101:0")).Action.Should().Be(SyncAction.Applied);
        Side(_sync.Book, BookSide.Ask).Should().Equal("102:7");
        _listener.Calls[^1].Should().Be("a:101:0");
    }

    [Fact]
    public void Snapshot_OlderThanFirstBufferedDiff_RequestsNewerSnapshotThenSyncs()
    {
        Offer(Diff(200, 205, -1, "b:10:1"));
        Offer(Diff(206, 210, -1, "a:11:1"));

        Offer(Snapshot(150, "b:9:1")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.SnapshotTooOld));
        _sync.Counters.SnapshotsTooOld.Should().Be(1);
        _sync.State.Should().Be(BookSyncState.Syncing);
        _sync.Buffered.Should().Be(2, "the buffered diffs are kept for the next snapshot");

        Offer(Snapshot(201, "b:9:1", "a:12:1")).Action.Should().Be(SyncAction.SnapshotLoaded);

        _sync.LastUpdateId.Should().Be(210);
        Side(_sync.Book, BookSide.Bid).Should().Equal("10:1", "9:1");
        Side(_sync.Book, BookSide.Ask).Should().Equal("11:1", "12:1");
    }

    [Fact]
    public void Snapshot_Crossed_IsRejectedAndAnotherRequested()
    {
        Offer(Diff(200, 205, -1, "b:10:1"));

        Offer(Snapshot(201, "b:12:1", "a:11:1")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.CrossedBook));

        _sync.State.Should().Be(BookSyncState.Syncing, "a crossed book is never served as verified");
        _sync.Counters.CrossedBooks.Should().Be(1);
    }

    [Fact]
    public void Snapshot_AheadOfAllDiffs_WaitsUntilBridgingDiffArrives()
    {
        Offer(Diff(1, 5, -1, "b:10:1"));

        Offer(Snapshot(10, "b:10:2", "a:11:2")).Action.Should().Be(SyncAction.Buffered);
        _sync.State.Should().Be(BookSyncState.Syncing);
        Offer(Diff(6, 8, -1, "b:10:2")).Action.Should().Be(SyncAction.Buffered, "u = 8 is contained in the snapshot and ends before it");
        _sync.State.Should().Be(BookSyncState.Syncing);

        Offer(Diff(9, 12, -1, "a:11:3")).Action.Should().Be(SyncAction.SnapshotLoaded, "U = 9 <= 11 <= u = 12 bridges");

        _sync.State.Should().Be(BookSyncState.Synced);
        _sync.LastUpdateId.Should().Be(12);
        Side(_sync.Book, BookSide.Ask).Should().Equal("11:3");
    }

    [Fact]
    public void Snapshot_EndingExactlyAtLastReceivedDiff_LoadsAtOnceAndNextDiffContinues()
    {
        Offer(Diff(1, 5, -1, "b:10:1"));
        Offer(Diff(6, 10, -1, "b:10:2"));

        Offer(Snapshot(10, "b:10:2", "a:11:2")).Action.Should().Be(SyncAction.SnapshotLoaded, "the snapshot continues the diff ending at u = 10");
        _sync.LastUpdateId.Should().Be(10);

        Offer(Diff(11, 12, -1, "a:11:3")).Action.Should().Be(SyncAction.Applied);
        Offer(Diff(14, 15, -1, "a:11:4")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Gap));
        Side(_sync.Book, BookSide.Ask).Should().Equal("11:3");
    }

    [Fact]
    public void Gap_UAboveIdPlusOne_RequestsSnapshotKeepsStaleBookThenResyncsWithNewEpoch()
    {
        SyncAt(100, "b:10:1", "a:11:1");

        var result = Offer(Diff(102, 103, -1, "b:10:5"));

        result.Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Gap));
        _sync.State.Should().Be(BookSyncState.Syncing);
        _sync.Counters.Gaps.Should().Be(1);
        _sync.Counters.Resyncs.Should().Be(1);
        Side(_sync.Book, BookSide.Bid).Should().Equal(new[] { "10:1" }, "the stale book stays readable, the gapped diff is not applied");
        Offer(Diff(104, 104, -1, "a:11:2")).Action.Should().Be(SyncAction.Buffered, "a snapshot is already requested");

        Offer(Snapshot(103, "b:10:5", "a:11:1")).Action.Should().Be(SyncAction.SnapshotLoaded);

        _sync.Epoch.Should().Be(2);
        _sync.LastUpdateId.Should().Be(104);
        Side(_sync.Book, BookSide.Bid).Should().Equal("10:5");
        Side(_sync.Book, BookSide.Ask).Should().Equal("11:2");
        _listener.Calls.Should().Contain("rebuilt:2");
    }

    [Fact]
    public void DuplicateAndOlderDiffs_Ignored_BookUnchanged()
    {
        SyncAt(100, "b:10:1", "a:11:1");
        Offer(Diff(101, 105, -1, "b:10:2")).Action.Should().Be(SyncAction.Applied);

        Offer(Diff(101, 105, -1, "b:10:99")).Action.Should().Be(SyncAction.Ignored);
        Offer(Diff(96, 98, -1, "a:11:99")).Action.Should().Be(SyncAction.Ignored);

        _sync.Counters.Duplicates.Should().Be(2);
        _sync.LastUpdateId.Should().Be(105);
        _sync.State.Should().Be(BookSyncState.Synced);
        Side(_sync.Book, BookSide.Bid).Should().Equal("10:2");
        Side(_sync.Book, BookSide.Ask).Should().Equal("11:1");
    }

    [Fact]
    public void OverlappingDiff_UBelowIdPlusOneButNewU_Applied()
    {
        SyncAt(100, "b:10:1", "a:11:1");

        Offer(Diff(99, 102, -1, "b:10:3")).Action.Should().Be(SyncAction.Applied, "spot only needs U <= id+1 and u > id");

        _sync.LastUpdateId.Should().Be(102);
    }

    [Fact]
    public void CrossedBookAfterDiff_RequestsSnapshot()
    {
        SyncAt(100, "b:10:1", "a:11:1");

        Offer(Diff(101, 101, -1, "b:11:1")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.CrossedBook));

        _sync.Counters.CrossedBooks.Should().Be(1);
        _sync.State.Should().Be(BookSyncState.Syncing);
    }

    [Fact]
    public void ConnectionReset_GoesSyncingAndNextDiffRequestsSnapshot()
    {
        SyncAt(100, "b:10:1", "a:11:1");

        Offer(BookEvent.Reset(Symbol, default)).Should().Be(new SyncResult(SyncAction.Buffered, ResyncReason.ConnectionReset));

        _sync.State.Should().Be(BookSyncState.Syncing);
        _sync.Counters.Resyncs.Should().Be(1);
        Side(_sync.Book, BookSide.Bid).Should().Equal("10:1");
        Offer(Diff(500, 501, -1, "b:10:2")).Action.Should().Be(SyncAction.RequestSnapshot);
    }

    [Fact]
    public void BufferOverflow_DropsOldestAndCounts()
    {
        var sync = new BinanceBookSync(BinanceMarket.Spot, maxBuffered: 3);
        for (var i = 0; i < 5; i++)
        {
            sync.OnEvent(Diff(10 + i, 10 + i, -1, "b:1:1"), null);
        }

        sync.Counters.BufferOverflows.Should().Be(2);
        sync.Buffered.Should().Be(3);

        // The oldest two were dropped, so a snapshot at 10 no longer bridges (first buffered U = 12).
        sync.OnEvent(Snapshot(10, "b:1:1"), null).Reason.Should().Be(ResyncReason.SnapshotTooOld);
        sync.OnEvent(Snapshot(11, "b:1:1"), null).Action.Should().Be(SyncAction.SnapshotLoaded);
    }

    [Fact]
    public void LevelCapExceededByDiff_RequestsSnapshotTooManyLevels()
    {
        var sync = new BinanceBookSync(BinanceMarket.Spot, maxLevelsPerSide: 2);
        sync.OnEvent(Diff(1, 1, -1, "b:1:1"), null);
        sync.OnEvent(Snapshot(0, "b:1:1", "b:2:1"), null).Action.Should().Be(SyncAction.SnapshotLoaded);

        sync.OnEvent(Diff(2, 2, -1, "b:3:1"), null).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.TooManyLevels));

        sync.State.Should().Be(BookSyncState.Syncing);
    }

    [Fact]
    public void SnapshotWhileSynced_Ignored()
    {
        SyncAt(100, "b:10:1", "a:11:1");

        Offer(Snapshot(500, "b:1:1")).Action.Should().Be(SyncAction.Ignored);

        _sync.LastUpdateId.Should().Be(100);
        Side(_sync.Book, BookSide.Bid).Should().Equal("10:1");
    }

    [Fact]
    public void ForceResync_RequestsSnapshotWithReason()
    {
        SyncAt(100, "b:10:1", "a:11:1");

        _sync.ForceResync(ResyncReason.RejectedFrame).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.RejectedFrame));

        _sync.State.Should().Be(BookSyncState.Syncing);
        Offer(Diff(101, 101, -1, "b:10:2")).Action.Should().Be(SyncAction.Buffered);
        _sync.OnSnapshotRequestFailed();
        Offer(Diff(102, 102, -1, "b:10:3")).Action.Should().Be(SyncAction.RequestSnapshot, "a failed request is asked again");
    }

    private SyncResult Offer(BookEvent bookEvent) => _sync.OnEvent(bookEvent, _listener);

    private void SyncAt(long id, params string[] levels)
    {
        // A level-less diff (U = u = id) bridges a snapshot at id - 1, leaving the book at id.
        Offer(Diff(id, id, -1));
        Offer(Snapshot(id - 1, levels)).Action.Should().Be(SyncAction.SnapshotLoaded);
        _sync.LastUpdateId.Should().Be(id);
    }
}
