using System.Buffers;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Okx;
using OrleansFeed.Exchanges.Tests.Binance;

namespace OrleansFeed.Exchanges.Tests.Okx;

/// <summary>Verifies the OKX sync: snapshot load and reset, prevSeqId == seqId chaining (keep-alive, sequence reset), gaps, duplicates, checksum match/mismatch/none, depth trim.</summary>
public class OkxBookSyncTests
{
    private readonly OkxBookSync _sync = new();
    private readonly RecordingBookListener _listener = new();

    [Fact]
    public void Snapshot_ThenChainedUpdates_AppliesAndTracksSeqId()
    {
        Offer(Snapshot(10, "b:100:1", "a:101:2")).Action.Should().Be(SyncAction.SnapshotLoaded);
        Offer(Update(10, 15, "b:100:3")).Action.Should().Be(SyncAction.Applied);

        _sync.State.Should().Be(BookSyncState.Synced);
        _sync.LastUpdateId.Should().Be(15);
        BookEvents.Side(_sync.Book, BookSide.Bid).Should().Equal("100:3");
    }

    [Fact]
    public void KeepAliveAndSequenceReset_DocumentedChain_AllApplied()
    {
        // §6 "Sequence rules" example: snapshot (-1→10), (10→15), (15→15) keep-alive, (15→3) reset, (3→5).
        Offer(Snapshot(10, "b:100:1", "a:101:1"));

        Offer(Update(10, 15, "b:99:1")).Action.Should().Be(SyncAction.Applied);
        Offer(Update(15, 15)).Action.Should().Be(SyncAction.Applied);
        Offer(Update(15, 3, "a:102:1")).Action.Should().Be(SyncAction.Applied);
        Offer(Update(3, 5, "a:102:0")).Action.Should().Be(SyncAction.Applied);

        _sync.LastUpdateId.Should().Be(5);
        _sync.Counters.Gaps.Should().Be(0);
    }

    [Fact]
    public void Update_PrevSeqIdNotLastSeqId_IsGapRequestingResubscribe()
    {
        Offer(Snapshot(10, "b:100:1", "a:101:1"));

        Offer(Update(11, 12, "b:100:2")).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Gap));

        _sync.State.Should().Be(BookSyncState.Syncing);
        _sync.Counters.Gaps.Should().Be(1);
        _sync.Counters.Resyncs.Should().Be(1);
        Offer(Update(12, 13, "b:100:3")).Action.Should().Be(SyncAction.Ignored, "diffs wait for the resubscribed snapshot");
        Offer(Snapshot(20, "b:100:5", "a:101:1")).Action.Should().Be(SyncAction.SnapshotLoaded);
        BookEvents.Side(_sync.Book, BookSide.Bid).Should().Equal("100:5");
    }

    [Fact]
    public void Update_RepeatOfLastApplied_IsIgnoredAsDuplicate()
    {
        Offer(Snapshot(10, "b:100:1", "a:101:1"));
        Offer(Update(10, 15, "b:100:2"));

        Offer(Update(10, 15, "b:100:2")).Action.Should().Be(SyncAction.Ignored);

        _sync.Counters.Duplicates.Should().Be(1);
        _sync.State.Should().Be(BookSyncState.Synced);
    }

    [Fact]
    public void Snapshot_WhileSynced_ResetsBookAndStartsNewEpoch()
    {
        Offer(Snapshot(10, "b:100:1", "b:99:1", "a:101:1"));

        Offer(Snapshot(50, "b:98:4", "a:102:4")).Action.Should().Be(SyncAction.SnapshotLoaded);

        _sync.Epoch.Should().Be(2);
        _sync.LastUpdateId.Should().Be(50);
        BookEvents.Side(_sync.Book, BookSide.Bid).Should().Equal("98:4");
        _listener.Calls.Should().Contain("rebuilt:2");
    }

    [Fact]
    public void Checksum_Matching_IsVerified()
    {
        // Book after the update: bid 3366.1×7, 3366×6; ask 3366.8×9, 3368×8 → -1881014294 (§6 worked example).
        Offer(Snapshot(1, "b:3366.1:7", "a:3366.8:9", "a:3368:8"));

        Offer(Update(1, 2, "b:3366:6") with { Checksum = unchecked((uint)-1881014294) }).Action.Should().Be(SyncAction.Applied);

        _sync.Counters.ChecksumsVerified.Should().Be(1);
        _sync.Counters.ChecksumFailures.Should().Be(0);
    }

    [Fact]
    public void Checksum_Mismatch_ResyncsWithChecksumReason()
    {
        Offer(Snapshot(1, "b:3366.1:7", "a:3366.8:9"));

        var result = Offer(Update(1, 2, "b:3366:6") with { Checksum = 12345u });

        result.Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.ChecksumMismatch));
        _sync.Counters.ChecksumFailures.Should().Be(1);
        _sync.State.Should().Be(BookSyncState.Syncing);
    }

    [Fact]
    public void Checksum_AbsentOrZero_IsNotVerified()
    {
        Offer(Snapshot(1, "b:1:1", "a:2:1"));

        Offer(Update(1, 2, "b:1:2") with { Checksum = OkxChecksum.BookEventChecksum(0) }).Action.Should().Be(SyncAction.Applied);

        _sync.Counters.ChecksumsVerified.Should().Be(0);
        _sync.Counters.ChecksumFailures.Should().Be(0);
    }

    [Fact]
    public void NoSequenceFrames_2021Era_ChainOnChecksumAlone()
    {
        Offer(Snapshot(OkxBookSync.NoSequence, "b:1:1", "a:2:1"));

        Offer(Update(OkxBookSync.NoSequence, OkxBookSync.NoSequence, "b:1:3")).Action.Should().Be(SyncAction.Applied);

        _sync.Counters.Gaps.Should().Be(0);
    }

    [Fact]
    public void Update_BeyondDepth_TrimsWorstLevels()
    {
        var sync = new OkxBookSync(depth: 2);
        sync.OnEvent(Snapshot(1, "b:10:1", "b:9:1", "a:11:1"), _listener);

        sync.OnEvent(Update(1, 2, "b:10.5:1"), _listener).Action.Should().Be(SyncAction.Applied);

        BookEvents.Side(sync.Book, BookSide.Bid).Should().Equal("10.5:1", "10:1");
        _listener.Calls.Should().EndWith("b:9:0");
    }

    private SyncResult Offer(BookEvent e) => _sync.OnEvent(e, _listener);

    private static BookEvent Snapshot(long seqId, params string[] levels) => Create(BookEventKind.Snapshot, -1, seqId, levels);

    private static BookEvent Update(long prevSeqId, long seqId, params string[] levels) => Create(BookEventKind.Diff, prevSeqId, seqId, levels);

    private static BookEvent Create(BookEventKind kind, long previous, long seqId, string[] levels)
    {
        var array = ArrayPool<LevelUpdate>.Shared.Rent(Math.Max(1, levels.Length));
        for (var i = 0; i < levels.Length; i++)
        {
            array[i] = BookEvents.Level(levels[i]);
        }

        return new BookEvent(kind, "BTC-USDT", seqId, seqId, previous, array, levels.Length, Timestamp.FromUnixMilliseconds(1_700_000_000_000), new Timestamp(1));
    }
}
