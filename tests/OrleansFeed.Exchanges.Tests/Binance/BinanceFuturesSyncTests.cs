using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Sync;
using static OrleansFeed.Exchanges.Tests.Binance.BookEvents;

namespace OrleansFeed.Exchanges.Tests.Binance;

/// <summary>Verifies the Binance USD-M / COIN-M procedure (U ≤ id ≤ u alignment, pu == previous u chain) on hand-built events.</summary>
public class BinanceFuturesSyncTests
{
    private readonly BinanceBookSync _sync = new(BinanceMarket.UsdFutures);
    private readonly RecordingBookListener _listener = new();

    [Fact]
    public void NormalStart_DropsUBelowSnapshotAppliesBridgingAndChain()
    {
        Offer(Diff(90, 99, 80, "b:100:9")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Initial));
        Offer(Diff(100, 104, 99, "b:100:0", "a:102:7")).Action.Should().Be(SyncAction.Buffered);
        Offer(Diff(105, 110, 104, "b:99.5:1.5")).Action.Should().Be(SyncAction.Buffered);

        // Futures rule: u < lastUpdateId is dropped; the first kept diff has U <= 104 <= u.
        var result = Offer(Snapshot(104, "b:100:8", "b:99:2", "a:101:3", "a:102:4"));

        result.Action.Should().Be(SyncAction.SnapshotLoaded);
        _sync.LastUpdateId.Should().Be(110);
        Side(_sync.Book, BookSide.Bid).Should().Equal("99.5:1.5", "99:2");
        Side(_sync.Book, BookSide.Ask).Should().Equal("101:3", "102:7");
        _sync.Counters.Applied.Should().Be(2);
        _listener.Calls.Should().Equal("rebuilt:1", "b:100:0", "a:102:7", "b:99.5:1.5");
    }

    [Fact]
    public void SnapshotIdEqualToDiffU_IsNotContainedButBridges()
    {
        Offer(Diff(50, 60, 49, "a:5:1"));

        Offer(Snapshot(60, "b:4:1", "a:5:2")).Action.Should().Be(SyncAction.SnapshotLoaded);

        _sync.LastUpdateId.Should().Be(60);
        Side(_sync.Book, BookSide.Ask).Should().Equal(new[] { "5:1" }, "a diff with u == lastUpdateId is applied on futures");
    }

    [Fact]
    public void Snapshot_OlderThanFirstBufferedDiff_RequestsSnapshotTooOld()
    {
        Offer(Diff(200, 205, 199, "b:10:1"));

        Offer(Snapshot(199, "b:9:1")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.SnapshotTooOld));
        _sync.Counters.SnapshotsTooOld.Should().Be(1);

        Offer(Snapshot(203, "b:9:1")).Action.Should().Be(SyncAction.SnapshotLoaded);
        _sync.LastUpdateId.Should().Be(205);
    }

    [Fact]
    public void Gap_PuNotEqualPreviousU_RequestsSnapshotKeepsStaleBookThenResyncs()
    {
        SyncAt(100, "b:10:1", "a:11:1");
        Offer(Diff(101, 105, 100, "b:10:2")).Action.Should().Be(SyncAction.Applied);

        // pu 104 != 105: an event between was lost even though U looks contiguous.
        Offer(Diff(106, 108, 104, "b:10:3")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Gap));

        _sync.State.Should().Be(BookSyncState.Syncing);
        _sync.Counters.Gaps.Should().Be(1);
        Side(_sync.Book, BookSide.Bid).Should().Equal("10:2");

        Offer(Snapshot(107, "b:10:4", "a:11:1")).Action.Should().Be(SyncAction.SnapshotLoaded);
        _sync.Epoch.Should().Be(2);
        _sync.LastUpdateId.Should().Be(108);
        Side(_sync.Book, BookSide.Bid).Should().Equal("10:3");
    }

    [Fact]
    public void DuplicateDiff_Ignored_BookUnchanged()
    {
        SyncAt(100, "b:10:1", "a:11:1");

        Offer(Diff(95, 100, 94, "b:10:7")).Action.Should().Be(SyncAction.Ignored);

        _sync.Counters.Duplicates.Should().Be(1);
        Side(_sync.Book, BookSide.Bid).Should().Equal("10:1");
    }

    [Fact]
    public void CrossedBookAfterDiff_RequestsSnapshot()
    {
        SyncAt(100, "b:10:1", "a:11:1");

        Offer(Diff(101, 101, 100, "a:9.5:1")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.CrossedBook));

        _sync.Counters.CrossedBooks.Should().Be(1);
        _sync.Counters.Resyncs.Should().Be(1);
    }

    [Fact]
    public void CoinFutures_UsesPuChain()
    {
        var sync = new BinanceBookSync(BinanceMarket.CoinFutures);
        sync.OnEvent(Diff(10, 10, 9, "b:1:1"), null);
        sync.OnEvent(Snapshot(10, "a:2:1"), null).Action.Should().Be(SyncAction.SnapshotLoaded);

        sync.OnEvent(Diff(12, 12, 11, "b:1:2"), null).Reason.Should().Be(ResyncReason.Gap);
    }

    private SyncResult Offer(Common.Events.BookEvent bookEvent) => _sync.OnEvent(bookEvent, _listener);

    private void SyncAt(long id, params string[] levels)
    {
        Offer(Diff(id, id, id - 1));
        Offer(Snapshot(id, levels)).Action.Should().Be(SyncAction.SnapshotLoaded);
        _sync.LastUpdateId.Should().Be(id);
    }
}
