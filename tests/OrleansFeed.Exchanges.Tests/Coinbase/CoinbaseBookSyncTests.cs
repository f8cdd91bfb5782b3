using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Coinbase;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Tests.Binance;
using static OrleansFeed.Exchanges.Tests.Binance.BookEvents;

namespace OrleansFeed.Exchanges.Tests.Coinbase;

/// <summary>Verifies the Coinbase stream-snapshot book procedure: snapshot then updates, resets from the connection, crossed books, repeated snapshots.</summary>
public class CoinbaseBookSyncTests
{
    private readonly CoinbaseBookSync _sync = new();
    private readonly RecordingBookListener _listener = new();

    [Fact]
    public void UpdateBeforeSnapshot_RequestsSnapshotOnceThenIgnores()
    {
        Offer(Diff(0, 0, -1, "b:1:1")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Initial));
        Offer(Diff(0, 0, -1, "b:1:2")).Action.Should().Be(SyncAction.Ignored);

        _sync.State.Should().Be(BookSyncState.Syncing);
        _sync.Book.Count(BookSide.Bid).Should().Be(0);
    }

    [Fact]
    public void SnapshotThenUpdates_BookFollowsAbsoluteSizes()
    {
        Offer(Snapshot(0, "b:0.7901:100.0", "b:0.7885:5.0", "a:0.7911:2635.4")).Action.Should().Be(SyncAction.SnapshotLoaded);
        Offer(Diff(0, 0, -1, "b:0.7885:0.0")).Action.Should().Be(SyncAction.Applied);
        Offer(Diff(0, 0, -1, "a:0.7923:7441.5")).Action.Should().Be(SyncAction.Applied);
        Offer(Diff(0, 0, -1, "a:0.9999:0")).Action.Should().Be(SyncAction.Applied, "removing an unknown level is normal (§0)");

        _sync.State.Should().Be(BookSyncState.Unverifiable, "the Exchange level2 channel (no ids) has neither sequence nor checksum: nothing can prove the book");
        Side(_sync.Book, BookSide.Bid).Should().Equal("0.7901:100.0");
        Side(_sync.Book, BookSide.Ask).Should().Equal("0.7911:2635.4", "0.7923:7441.5");
        _sync.Counters.Applied.Should().Be(3);
        _sync.Counters.Gaps.Should().Be(0, "level2 has no sequence, every update continues the book");
        _listener.Calls.Should().Equal("rebuilt:1", "b:0.7885:0.0", "a:0.7923:7441.5");
    }

    [Fact]
    public void ConnectionReset_BookStaleUntilNextSnapshot()
    {
        Offer(Snapshot(0, "b:1:1", "a:2:1"));

        Offer(BookEvent.Reset(Symbol, new Timestamp(5))).Should().Be(new SyncResult(SyncAction.Buffered, ResyncReason.ConnectionReset));
        _sync.State.Should().Be(BookSyncState.Syncing);
        _sync.Counters.Resyncs.Should().Be(1);

        Offer(Diff(0, 0, -1, "b:1:5")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Gap), "the next update asks the connector to re-subscribe");
        Offer(Snapshot(0, "b:1:7", "a:2:1")).Action.Should().Be(SyncAction.SnapshotLoaded);

        _sync.Epoch.Should().Be(2);
        Side(_sync.Book, BookSide.Bid).Should().Equal("1:7");
    }

    [Fact]
    public void CrossingUpdate_ResyncRequested()
    {
        Offer(Snapshot(0, "b:1:1", "a:2:1"));

        Offer(Diff(0, 0, -1, "b:2.5:1")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.CrossedBook));

        _sync.Counters.CrossedBooks.Should().Be(1);
        _sync.State.Should().Be(BookSyncState.Syncing);
    }

    [Fact]
    public void SecondSnapshot_ReplacesBookAsNewEpoch()
    {
        Offer(Snapshot(0, "b:1:1", "a:2:1"));
        Offer(Snapshot(0, "b:1.5:3"));

        _sync.Epoch.Should().Be(2);
        Side(_sync.Book, BookSide.Bid).Should().Equal("1.5:3");
        Side(_sync.Book, BookSide.Ask).Should().BeEmpty();
    }

    private SyncResult Offer(BookEvent e) => _sync.OnEvent(e, _listener);
}
