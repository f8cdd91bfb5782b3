using System.Buffers;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Kraken;
using OrleansFeed.Exchanges.Tests.Binance;

namespace OrleansFeed.Exchanges.Tests.Kraken;

/// <summary>Verifies Kraken book sync on hand-built events: checksum verification and mismatch resync, depth truncation, crossed books, initial state.</summary>
public class KrakenBookSyncTests
{
    private readonly KrakenBookSync _sync = new();
    private readonly RecordingBookListener _listener = new();

    [Fact]
    public void UpdateBeforeSnapshot_RequestsInitialSnapshotOnceThenIgnores()
    {
        Offer(Diff(10, null, "b:100:1")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Initial));
        Offer(Diff(10, null, "b:100:2")).Action.Should().Be(SyncAction.Ignored);
        _sync.State.Should().Be(BookSyncState.Syncing);
    }

    [Fact]
    public void SnapshotThenUpdateWithMatchingChecksum_AppliedAndVerified()
    {
        Offer(Snapshot(10, "b:100.0:1.000", "b:99.5:2.000", "a:101.0:3.000")).Action.Should().Be(SyncAction.SnapshotLoaded);

        var expected = Book("b:100.0:1.500", "b:99.5:2.000", "a:101.0:3.000");
        Offer(Diff(10, KrakenChecksum.Compute(expected), "b:100.0:1.500")).Action.Should().Be(SyncAction.Applied);

        _sync.Counters.ChecksumsVerified.Should().Be(1);
        _sync.Counters.ChecksumFailures.Should().Be(0);
        _sync.Counters.LastVerified.UnixMicroseconds.Should().Be(2);
        KrakenChecksum.Compute(_sync.Book).Should().Be(KrakenChecksum.Compute(expected));
    }

    [Fact]
    public void UpdateWithWrongChecksum_RequestsSnapshotWithChecksumMismatchAndCounts()
    {
        Offer(Snapshot(10, "b:100.0:1.000", "a:101.0:3.000"));

        var result = Offer(Diff(10, 12345u, "b:100.0:1.500"));

        result.Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.ChecksumMismatch));
        _sync.State.Should().Be(BookSyncState.Syncing);
        _sync.Counters.ChecksumFailures.Should().Be(1);
        _sync.Counters.ChecksumsVerified.Should().Be(0);
        _sync.Counters.Resyncs.Should().Be(1);
        Offer(Diff(10, null, "b:100.0:2.000")).Action.Should().Be(SyncAction.Ignored, "the book waits for the resubscription's snapshot");

        Offer(Snapshot(10, "b:100.0:2.000", "a:101.0:3.000")).Action.Should().Be(SyncAction.SnapshotLoaded);
        _sync.State.Should().Be(BookSyncState.Synced);
        _sync.Epoch.Should().Be(2);
    }

    [Fact]
    public void UpdatePushingBookBeyondDepth_TruncatesWorstLevelAndReportsRemoval()
    {
        Offer(Snapshot(3, "b:100:1", "b:99:1", "b:98:1", "a:101:1", "a:102:1", "a:103:1"));

        var expected = Book("b:100.5:2", "b:100:1", "b:99:1", "a:101:1", "a:102:1", "a:103:1");
        Offer(Diff(3, KrakenChecksum.Compute(expected), "b:100.5:2")).Action.Should().Be(SyncAction.Applied);

        _sync.Depth.Should().Be(3);
        BookEvents.Side(_sync.Book, BookSide.Bid).Should().Equal("100.5:2", "100:1", "99:1");
        _listener.Calls.Should().Equal("rebuilt:1", "b:100.5:2", "b:98:0");
        _sync.Counters.ChecksumsVerified.Should().Be(1, "the checksum is computed after truncation");
    }

    [Fact]
    public void DeleteThenRepublishedLevel_BookHoldsRepublishedLevel()
    {
        Offer(Snapshot(2, "a:101:1", "a:102:1", "b:100:1"));

        // Kraken: a delete inside the window brings the next level into scope as a republish ("r").
        var expected = Book("a:102:1", "a:103:4", "b:100:1");
        Offer(Diff(2, KrakenChecksum.Compute(expected), "a:101:0", "a:103:4")).Action.Should().Be(SyncAction.Applied);

        BookEvents.Side(_sync.Book, BookSide.Ask).Should().Equal("102:1", "103:4");
    }

    [Fact]
    public void UpdateCrossingBook_ResyncsWithCrossedBook()
    {
        Offer(Snapshot(10, "b:100:1", "a:101:1"));

        Offer(Diff(10, null, "b:101.5:1")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.CrossedBook));

        _sync.Counters.CrossedBooks.Should().Be(1);
    }

    [Fact]
    public void ConnectionReset_MarksStaleWithoutRequesting()
    {
        Offer(Snapshot(10, "b:100:1", "a:101:1"));

        Offer(BookEvent.Reset(BookEvents.Symbol, new Timestamp(9))).Should().Be(new SyncResult(SyncAction.Buffered, ResyncReason.ConnectionReset));

        _sync.State.Should().Be(BookSyncState.Syncing);
    }

    private SyncResult Offer(BookEvent e) => _sync.OnEvent(e, _listener);

    private static OrderBook Book(params string[] levels)
    {
        var book = new OrderBook();
        foreach (var level in levels.Select(BookEvents.Level))
        {
            book.Set(level.Side, level.Price, level.Size);
        }

        return book;
    }

    private static BookEvent Snapshot(int depth, params string[] levels) => Create(BookEventKind.Snapshot, depth, null, levels);

    private static BookEvent Diff(int depth, uint? checksum, params string[] levels) => Create(BookEventKind.Diff, depth, checksum, levels);

    private static BookEvent Create(BookEventKind kind, int depth, uint? checksum, string[] levels)
    {
        var array = ArrayPool<LevelUpdate>.Shared.Rent(Math.Max(1, levels.Length));
        for (var i = 0; i < levels.Length; i++)
        {
            array[i] = BookEvents.Level(levels[i]);
        }

        var receive = new Timestamp(kind == BookEventKind.Snapshot ? 1 : 2);
        return new BookEvent(kind, BookEvents.Symbol, depth, 0, -1, array, levels.Length, Timestamp.None, receive) { Checksum = checksum };
    }
}
