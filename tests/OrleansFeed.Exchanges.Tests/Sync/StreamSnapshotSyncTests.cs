using FluentAssertions;
using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Tests.Binance;
using Xunit;

namespace OrleansFeed.Exchanges.Tests.Sync;

/// <summary>Verifies the venue-independent rules of in-stream snapshot sync: epochs, sequence gaps, checksums, truncation.</summary>
public sealed class StreamSnapshotSyncTests
{
    [Fact]
    public void Snapshot_LoadsBookAndStartsEpoch()
    {
        var sync = new ToySync(depth: 10);
        var result = sync.OnEvent(BookEvents.Snapshot(5, "b:100:1", "a:101:2"), null);

        result.Action.Should().Be(SyncAction.SnapshotLoaded);
        sync.State.Should().Be(BookSyncState.Synced);
        sync.Epoch.Should().Be(1);
        sync.LastUpdateId.Should().Be(5);
    }

    [Fact]
    public void DiffBeforeSnapshot_RequestsSnapshotOnce()
    {
        var sync = new ToySync(depth: 10);
        sync.OnEvent(BookEvents.Diff(1, 1, 0, "b:100:1"), null).Action.Should().Be(SyncAction.RequestSnapshot);
        sync.OnEvent(BookEvents.Diff(2, 2, 1, "b:100:2"), null).Action.Should().Be(SyncAction.Ignored);
    }

    [Fact]
    public void Gap_MarksStaleRequestsSnapshotAndIgnoresUntilNextSnapshot()
    {
        var sync = new ToySync(depth: 10);
        sync.OnEvent(BookEvents.Snapshot(5, "b:100:1", "a:101:2"), null);

        var gap = sync.OnEvent(BookEvents.Diff(7, 7, 6, "b:100:3"), null);
        var during = sync.OnEvent(BookEvents.Diff(8, 8, 7, "b:100:4"), null);
        var again = sync.OnEvent(BookEvents.Snapshot(8, "b:100:4", "a:101:2"), null);

        gap.Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Gap));
        during.Action.Should().Be(SyncAction.Ignored);
        again.Action.Should().Be(SyncAction.SnapshotLoaded);
        sync.Counters.Gaps.Should().Be(1);
        sync.Counters.Resyncs.Should().Be(1);
        sync.Epoch.Should().Be(2);
    }

    [Fact]
    public void ChecksumMismatch_ResyncsAndCounts_MatchCountsVerified()
    {
        var sync = new ToySync(depth: 10);
        sync.OnEvent(BookEvents.Snapshot(5, "b:100:1", "a:101:2") with { Checksum = 2 }, null).Action.Should().Be(SyncAction.SnapshotLoaded);
        sync.OnEvent(BookEvents.Diff(6, 6, 5, "b:99:1") with { Checksum = 3 }, null).Action.Should().Be(SyncAction.Applied);

        var bad = sync.OnEvent(BookEvents.Diff(7, 7, 6, "b:98:1") with { Checksum = 99 }, null);

        bad.Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.ChecksumMismatch));
        sync.Counters.ChecksumsVerified.Should().Be(2);
        sync.Counters.ChecksumFailures.Should().Be(1);
        sync.State.Should().Be(BookSyncState.Syncing);
    }

    [Fact]
    public void Truncation_RemovesWorstLevelsAndReportsThem()
    {
        var sync = new ToySync(depth: 2);
        sync.OnEvent(BookEvents.Snapshot(5, "b:100:1", "b:99:1", "a:101:2", "a:102:2"), null);
        var listener = new RecordingBookListener();

        sync.OnEvent(BookEvents.Diff(6, 6, 5, "b:100.5:1"), listener);

        BookEvents.Side(sync.Book, BookSide.Bid).Should().Equal("100.5:1", "100:1");
        listener.Calls.Should().Contain(c => c.Contains("99", StringComparison.Ordinal), "the truncated level is reported as removed");
    }

    [Fact]
    public void CrossedSnapshot_IsNeverServedAsSynced()
    {
        var sync = new ToySync(depth: 10);

        var result = sync.OnEvent(BookEvents.Snapshot(5, "b:102:1", "a:101:2"), null);

        result.Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.CrossedBook));
        sync.State.Should().Be(BookSyncState.Syncing);
        sync.Counters.CrossedBooks.Should().Be(1);
    }

    [Fact]
    public void CrossedBook_Resyncs()
    {
        var sync = new ToySync(depth: 10);
        sync.OnEvent(BookEvents.Snapshot(5, "b:100:1", "a:101:2"), null);

        sync.OnEvent(BookEvents.Diff(6, 6, 5, "b:102:1"), null).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.CrossedBook));
        sync.Counters.CrossedBooks.Should().Be(1);
    }

    /// <summary>A toy venue: previous-id continuity, checksum = total level count, truncation to a depth.</summary>
    private sealed class ToySync(int depth) : StreamSnapshotSync
    {
        protected override Continuity CheckContinuity(in BookEvent diff, long lastUpdateId) =>
            diff.PreviousUpdateId == lastUpdateId ? Continuity.Continuous : diff.LastUpdateId <= lastUpdateId ? Continuity.Stale : Continuity.Gap;

        protected override uint ComputeChecksum(OrderBook book) => (uint)(book.BidCount + book.AskCount);

        protected override void AfterApply(IBookChangeListener? listener) => TruncateTo(depth, listener);
    }
}
