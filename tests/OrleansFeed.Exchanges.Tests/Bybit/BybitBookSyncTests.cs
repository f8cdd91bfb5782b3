using System.Buffers;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Bybit;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Tests.Binance;

namespace OrleansFeed.Exchanges.Tests.Bybit;

/// <summary>Verifies the Bybit sync: snapshot resets (also while synced and re-pushed), u + 1 chaining, gaps, stale deltas, u == 1 restart, seq cross-check, depth trim, v2 cross_seq.</summary>
public class BybitBookSyncTests
{
    private readonly BybitBookSync _sync = new(depth: 3);
    private readonly RecordingBookListener _listener = new();

    [Fact]
    public void Snapshot_ThenConsecutiveDeltas_Applied()
    {
        Offer(Snapshot(100, "b:10:1", "a:11:1")).Action.Should().Be(SyncAction.SnapshotLoaded);

        Offer(Delta(101, seq: 5000, "b:10:2")).Action.Should().Be(SyncAction.Applied);
        Offer(Delta(102, seq: 5004, "a:11:0", "a:12:1")).Action.Should().Be(SyncAction.Applied);

        _sync.LastUpdateId.Should().Be(102);
        BookEvents.Side(_sync.Book, BookSide.Bid).Should().Equal("10:2");
        BookEvents.Side(_sync.Book, BookSide.Ask).Should().Equal("12:1");
    }

    [Fact]
    public void Delta_SkippingAnUpdateId_IsGapRequestingResubscribe()
    {
        Offer(Snapshot(100, "b:10:1", "a:11:1"));

        Offer(Delta(102, seq: 1, "b:10:2")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Gap));

        _sync.Counters.Gaps.Should().Be(1);
        _sync.State.Should().Be(BookSyncState.Syncing);
    }

    [Fact]
    public void Delta_OldOrRepeatedU_IsIgnoredAsStale()
    {
        Offer(Snapshot(100, "b:10:1", "a:11:1"));
        Offer(Delta(101, seq: 1, "b:10:2"));

        Offer(Delta(101, seq: 1, "b:10:9")).Action.Should().Be(SyncAction.Ignored);

        _sync.Counters.Duplicates.Should().Be(1);
        BookEvents.Side(_sync.Book, BookSide.Bid).Should().Equal("10:2");
    }

    [Fact]
    public void Snapshot_WhileSyncedOrRepushedWithSameU_ReplacesTheBook()
    {
        Offer(Snapshot(100, "b:10:1", "a:11:1"));
        Offer(Delta(101, seq: 1, "b:9:1"));

        Offer(Snapshot(101, "b:10:1", "a:11:1")).Action.Should().Be(SyncAction.SnapshotLoaded);
        Offer(Snapshot(101, "b:10:1", "a:11:1")).Action.Should().Be(SyncAction.SnapshotLoaded, "level-1 books re-push unchanged snapshots");

        BookEvents.Side(_sync.Book, BookSide.Bid).Should().Equal("10:1");
        _sync.Counters.Resyncs.Should().Be(0);
        _sync.Epoch.Should().Be(3);
    }

    [Fact]
    public void Delta_UEqualsOne_ServiceRestartResyncs()
    {
        Offer(Snapshot(0, "b:10:1", "a:11:1"));

        Offer(Delta(1, seq: 1, "b:10:2")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Gap));
    }

    [Fact]
    public void Delta_SeqGoingBackwards_IsTreatedAsGap()
    {
        Offer(Snapshot(100, "b:10:1", "a:11:1"));
        Offer(Delta(101, seq: 9000, "b:10:2"));

        Offer(Delta(102, seq: 8000, "b:10:3")).Action.Should().Be(SyncAction.RequestSnapshot);

        _sync.Counters.Gaps.Should().Be(1);
    }

    [Fact]
    public void Delta_BeyondDepth_TrimsWorstLevels()
    {
        Offer(Snapshot(1, "b:10:1", "b:9:1", "b:8:1", "a:11:1"));

        Offer(Delta(2, seq: 0, "b:10.5:1")).Action.Should().Be(SyncAction.Applied);

        BookEvents.Side(_sync.Book, BookSide.Bid).Should().Equal("10.5:1", "10:1", "9:1");
        _listener.Calls.Should().EndWith("b:8:0");
    }

    [Fact]
    public void V2Deltas_CrossSeqIncreasingApplied_RepeatedIgnored()
    {
        Offer(Legacy(BookEventKind.Snapshot, 864131773, "b:1053.05:2.63", "a:1055.95:29.04"));

        Offer(Legacy(BookEventKind.Diff, 864131802, "b:1053.05:0", "b:1053.10:5")).Action.Should().Be(SyncAction.Applied);
        Offer(Legacy(BookEventKind.Diff, 864131802, "b:1053.10:7")).Action.Should().Be(SyncAction.Ignored);

        BookEvents.Side(_sync.Book, BookSide.Bid).Should().Equal("1053.10:5");
        _sync.Counters.Gaps.Should().Be(0);
    }

    private SyncResult Offer(BookEvent e) => _sync.OnEvent(e, _listener);

    private static BookEvent Snapshot(long u, params string[] levels) => Create(BookEventKind.Snapshot, 0, u, -1, levels);

    private static BookEvent Delta(long u, long seq, params string[] levels) => Create(BookEventKind.Diff, seq, u, -1, levels);

    private static BookEvent Legacy(BookEventKind kind, long crossSeq, params string[] levels) =>
        Create(kind, crossSeq, crossSeq, BybitBookSync.CrossSequenceOnly, levels);

    private static BookEvent Create(BookEventKind kind, long first, long last, long previous, string[] levels)
    {
        var array = ArrayPool<LevelUpdate>.Shared.Rent(Math.Max(1, levels.Length));
        for (var i = 0; i < levels.Length; i++)
        {
            array[i] = BookEvents.Level(levels[i]);
        }

        return new BookEvent(kind, "BTCUSDT", first, last, previous, array, levels.Length, Timestamp.FromUnixMilliseconds(1_700_000_000_000), new Timestamp(1));
    }
}
