using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Stats;
using OrleansFeed.Core.Time;
using static OrleansFeed.Core.Tests.Aggregation.AggregationTestData;

namespace OrleansFeed.Core.Tests.Aggregation;

/// <summary>
/// The compact, segmented state of the rolling window and candle builders (issue 16 item 1): ranges written apart and
/// read back in order restore objects that answer and evolve exactly as the originals; change tracking says what a
/// save must write; candle history memory grows with what is held.
/// </summary>
public sealed class CompactStateTests
{
    private static readonly Timestamp T0 = At("2026-01-01T00:00:00Z");

    private static BinaryReader Write(Action<BinaryWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        stream.Position = 0;
        return new BinaryReader(stream);
    }

    [Fact]
    public void RollingStats_RangesRestoredInOrder_SameSnapshotsIncludingOverflowedAndOutOfOrderBuckets()
    {
        var original = new RollingTradeStats(RollingTradeStatsOptions.Default with { MaxTradesPerBucket = 4 });
        var now = T0.Plus(TimeSpan.FromHours(2));
        for (var i = 0; i < 10; i++)
        {
            // Ten trades in one second: the bucket keeps four and overflows.
            original.OnTrade(Trade((100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".5", "0.01", T0.PlusMicros(100_000 + (i * 1000))), now);
        }

        original.OnTrade(Trade("99.125", "3", T0.Plus(TimeSpan.FromMinutes(30))), now);
        original.OnTrade(Trade("98", "1", T0.Plus(TimeSpan.FromMinutes(20))), now); // out of order, another bucket
        original.OnTrade(Trade("97", "2", T0.Plus(TimeSpan.FromMinutes(30)).PlusMicros(5)), now); // same bucket, later
        var split = (T0.Plus(TimeSpan.FromMinutes(25)).UnixMicroseconds / 1_000_000) + 1;

        var head = Write(original.WriteHead);
        var first = Write(w => original.WriteBuckets(w, long.MinValue, split));
        var second = Write(w => original.WriteBuckets(w, split, long.MaxValue));
        var restored = new RollingTradeStats(original.Options);
        restored.BeginRestore(head);
        restored.ReadBuckets(first, long.MinValue);
        restored.ReadBuckets(second, split);
        restored.EndRestore();

        restored.Snapshot(now).Should().BeEquivalentTo(original.Snapshot(now));
        var edge = T0.Plus(TimeSpan.FromHours(24)).PlusMicros(100_000 + 2500);
        restored.Snapshot(edge).Should().BeEquivalentTo(original.Snapshot(edge));
        restored.Snapshot(edge).IsExact.Should().BeFalse("the overflowed bucket straddles the window start");
        var later = T0.Plus(TimeSpan.FromHours(3));
        restored.OnTrade(Trade("101", "1", later), later).Should().Be(TradeStatsOutcome.Accepted);
        original.OnTrade(Trade("101", "1", later), later);
        restored.Snapshot(later).Should().BeEquivalentTo(original.Snapshot(later));
    }

    [Fact]
    public void RollingStats_ChangedFromBucket_OldestBucketTradedSinceTheSave()
    {
        var stats = new RollingTradeStats();
        var now = T0.Plus(TimeSpan.FromHours(1));
        stats.ChangedFromBucket.Should().Be(long.MaxValue);
        stats.OnTrade(Trade("100", "1", T0.Plus(TimeSpan.FromMinutes(50))), now);
        stats.MarkSaved();
        stats.Evict(now.Plus(TimeSpan.FromMinutes(5)));
        stats.ChangedFromBucket.Should().Be(long.MaxValue, "time alone changes nothing that is stored");

        stats.OnTrade(Trade("100", "1", T0.Plus(TimeSpan.FromMinutes(40))), now);
        stats.OnTrade(Trade("100", "1", T0.Plus(TimeSpan.FromMinutes(55))), now);
        stats.ChangedFromBucket.Should().Be(T0.Plus(TimeSpan.FromMinutes(40)).UnixMicroseconds / 1_000_000);
    }

    [Fact]
    public void CandleBuilder_EmptyCandlesLeftOutAndRebuilt_SameHistoryAndOpenCandle()
    {
        var original = new CandleBuilder(CandleInterval.OneMinute);
        original.OnTrade(Trade("100", "1", T0.Plus(TimeSpan.FromSeconds(5))), T0.Plus(TimeSpan.FromSeconds(5)));
        // Ten empty minutes carrying 100, then a trade; an amendment moves the first close after its empty successor closed.
        var t11 = T0.Plus(TimeSpan.FromMinutes(11)).Plus(TimeSpan.FromSeconds(1));
        original.OnTrade(Trade("105", "2", t11), t11);
        var t12 = T0.Plus(TimeSpan.FromMinutes(12)).Plus(TimeSpan.FromSeconds(3));
        original.OnTrade(Trade("106", "1", T0.Plus(TimeSpan.FromMinutes(11)).Plus(TimeSpan.FromSeconds(59))), t12).Should().Be(CandleTradeOutcome.Amended);
        original.Advance(T0.Plus(TimeSpan.FromMinutes(20)));

        var head = Write(original.WriteHead);
        long written = 0;
        var range = Write(w => written = original.WriteHistory(w, long.MinValue, long.MaxValue));
        var restored = new CandleBuilder(CandleInterval.OneMinute);
        restored.BeginRestore(head);
        restored.ReadHistory(range);
        restored.EndRestore();

        written.Should().Be(3, "the candles with trades (minutes 0 and 11) and the empty 12th carrying the pre-amendment close; not the other empties");
        List<Candle> a = [], b = [];
        restored.CopyHistory(T0, T0.Plus(TimeSpan.FromHours(1)), a);
        original.CopyHistory(T0, T0.Plus(TimeSpan.FromHours(1)), b);
        a.Should().Equal(b);
        a.Should().HaveCount(20);
        restored.OpenCandle.Should().Be(original.OpenCandle);
        restored.HasChanges.Should().BeFalse();
    }

    [Fact]
    public void CandleBuilder_IdleTime_NoChangeToSave()
    {
        var builder = new CandleBuilder(CandleInterval.OneMinute);
        builder.OnTrade(Trade("100", "1", T0.Plus(TimeSpan.FromSeconds(5))), T0.Plus(TimeSpan.FromSeconds(5)));
        builder.HasChanges.Should().BeTrue();
        builder.Advance(T0.Plus(TimeSpan.FromMinutes(1)));
        builder.ChangedFromStart.Should().Be(T0.UnixMicroseconds, "the candle with the trade closed");
        builder.MarkSaved();

        builder.Advance(T0.Plus(TimeSpan.FromMinutes(90)));

        builder.HistoryCount.Should().Be(90);
        builder.HasChanges.Should().BeFalse("empty candles carrying the previous close are rebuilt on restore, not stored");
    }

    [Fact]
    public void CandleBuilder_HistoryMemory_GrowsInChunksWithTheCandlesHeldUpToTheCapacity()
    {
        var builder = new CandleBuilder(CandleInterval.OneMinute, CandleBuilderOptions.Default with { HistoryCapacity = 1440 });
        builder.AllocatedSlots.Should().Be(0, "a builder without candles holds no history array");
        builder.OnTrade(Trade("100", "1", T0.Plus(TimeSpan.FromSeconds(5))), T0.Plus(TimeSpan.FromSeconds(5)));

        builder.Advance(T0.Plus(TimeSpan.FromMinutes(300)));
        builder.AllocatedSlots.Should().Be(512, "300 candles take two chunks of 256");

        for (var hour = 5; hour < 24 * 4; hour++)
        {
            builder.Advance(T0.Plus(TimeSpan.FromHours(hour)));
        }

        builder.HistoryCount.Should().Be(1440);
        builder.AllocatedSlots.Should().Be(1536, "a full ring of 1440 is six chunks, reused as the ring turns");
        var last = new List<Candle>();
        builder.CopyHistory(T0, T0.Plus(TimeSpan.FromDays(5)), last);
        last[0].Start.Should().Be(T0.Plus(TimeSpan.FromHours(95) - TimeSpan.FromMinutes(1440)));
    }
}
