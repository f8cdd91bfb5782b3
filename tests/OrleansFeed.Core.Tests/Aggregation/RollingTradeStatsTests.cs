using OrleansFeed.Core.Aggregation.Stats;
using OrleansFeed.Core.Time;
using static OrleansFeed.Core.Tests.Aggregation.AggregationTestData;

namespace OrleansFeed.Core.Tests.Aggregation;

/// <summary>Verifies the rolling 24 h statistics: exact window edges, eviction of extremes and volumes, and bounded memory.</summary>
public class RollingTradeStatsTests
{
    private static readonly Timestamp T0 = At("2024-01-01T00:00:00Z");
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public void OnTrade_ExactlyWindowOld_IsTooOldAndOneMicrosecondYoungerIsAccepted()
    {
        var stats = new RollingTradeStats();
        var now = T0.Plus(Day);

        stats.OnTrade(Trade("100", "1", T0), now).Should().Be(TradeStatsOutcome.TooOld);
        stats.OnTrade(Trade("101", "1", T0.PlusMicros(1)), now).Should().Be(TradeStatsOutcome.Accepted);

        var snapshot = stats.Snapshot(now);
        snapshot.TradeCount.Should().Be(1);
        snapshot.Open.Should().Be(D("101"));
        stats.TooOldCount.Should().Be(1);
    }

    [Fact]
    public void Snapshot_TradesInsideOneBucketAtTheEdge_AreCountedToTheMicrosecond()
    {
        var stats = new RollingTradeStats();
        stats.OnTrade(Trade("100", "1", T0), T0);
        stats.OnTrade(Trade("101", "2", T0.PlusMicros(1)), T0.PlusMicros(1));
        stats.OnTrade(Trade("99", "4", T0.PlusMicros(500_000)), T0.PlusMicros(500_000));

        // At T0 + 24h the window is (T0, T0 + 24h]: the trade at T0 is out, the one at T0 + 1 µs in.
        var atDay = stats.Snapshot(T0.Plus(Day));
        atDay.TradeCount.Should().Be(2);
        atDay.Open.Should().Be(D("101"));
        atDay.High.Should().Be(D("101"));
        atDay.Low.Should().Be(D("99"));
        atDay.BaseVolume.Should().Be(6m);
        atDay.QuoteVolume.Should().Be(598m);
        atDay.IsExact.Should().BeTrue();

        var oneLater = stats.Snapshot(T0.Plus(Day).PlusMicros(1));
        oneLater.TradeCount.Should().Be(1);
        oneLater.Open.Should().Be(D("99"));
        oneLater.High.Should().Be(D("99"));
        oneLater.BaseVolume.Should().Be(4m);
    }

    [Fact]
    public void Snapshot_AfterTheMaximumLeaves_ReportsNewHighLowAndVolumes()
    {
        var stats = new RollingTradeStats();
        stats.OnTrade(Trade("105", "1", T0.Plus(TimeSpan.FromSeconds(1))), T0.Plus(TimeSpan.FromSeconds(1)));
        stats.OnTrade(Trade("95", "2", T0.Plus(TimeSpan.FromSeconds(2))), T0.Plus(TimeSpan.FromSeconds(2)));
        stats.OnTrade(Trade("100", "0.5", T0.Plus(TimeSpan.FromSeconds(3))), T0.Plus(TimeSpan.FromSeconds(3)));
        stats.OnTrade(Trade("102", "1.5", T0.Plus(TimeSpan.FromSeconds(4))), T0.Plus(TimeSpan.FromSeconds(4)));

        var full = stats.Snapshot(T0.Plus(TimeSpan.FromSeconds(10)));
        full.High.Should().Be(D("105"));
        full.BaseVolume.Should().Be(5m);
        full.QuoteVolume.Should().Be(498m);

        // Window start T0 + 1 s: the 105 trade (exactly 24 h old) has left.
        var after = stats.Snapshot(T0.Plus(Day).Plus(TimeSpan.FromSeconds(1)));
        after.TradeCount.Should().Be(3);
        after.High.Should().Be(D("102"));
        after.Low.Should().Be(D("95"));
        after.Open.Should().Be(D("95"));
        after.Last.Should().Be(D("102"));
        after.BaseVolume.Should().Be(4m);
        after.QuoteVolume.Should().Be(393m);
        after.Vwap.Should().Be(98.25m);
        after.PriceChange.Should().Be(7m);
        after.PriceChangePercent.Should().Be(7m / 95m * 100m);

        var later = stats.Snapshot(T0.Plus(Day).Plus(TimeSpan.FromSeconds(2)));
        later.TradeCount.Should().Be(2);
        later.Low.Should().Be(D("100"));
        later.High.Should().Be(D("102"));
        later.BaseVolume.Should().Be(2m);

        var empty = stats.Snapshot(T0.Plus(Day).Plus(TimeSpan.FromSeconds(4)));
        empty.TradeCount.Should().Be(0);
        empty.BaseVolume.Should().Be(0m);
        stats.BucketCount.Should().Be(0);
    }

    [Fact]
    public void OnTrade_OutOfOrderInsideWindow_IsAcceptedAndBecomesTheOpen()
    {
        var stats = new RollingTradeStats();
        var now = T0.Plus(TimeSpan.FromSeconds(20));
        stats.OnTrade(Trade("100", "1", T0.Plus(TimeSpan.FromSeconds(10))), now);
        stats.OnTrade(Trade("90", "1", T0.Plus(TimeSpan.FromSeconds(5))), now).Should().Be(TradeStatsOutcome.Accepted);

        var snapshot = stats.Snapshot(now);

        snapshot.Open.Should().Be(D("90"));
        snapshot.Last.Should().Be(D("100"));
        snapshot.Low.Should().Be(D("90"));
    }

    [Fact]
    public void OnTrade_InvalidOrFarFuture_IsIgnoredAndCounted()
    {
        var stats = new RollingTradeStats();

        stats.OnTrade(Trade("0", "1", T0), T0).Should().Be(TradeStatsOutcome.Invalid);
        stats.OnTrade(Trade("100", "1", T0.Plus(TimeSpan.FromSeconds(6))), T0).Should().Be(TradeStatsOutcome.TooFarAhead);

        stats.Snapshot(T0).TradeCount.Should().Be(0);
        stats.InvalidCount.Should().Be(1);
        stats.TooFarAheadCount.Should().Be(1);
    }

    [Fact]
    public void Snapshot_StraddlingBucketOverCap_CountsItWholeAndSaysInexact()
    {
        var stats = new RollingTradeStats(RollingTradeStatsOptions.Default with { MaxTradesPerBucket = 2 });
        stats.OnTrade(Trade("100", "1", T0.PlusMicros(1)), T0.PlusMicros(1));
        stats.OnTrade(Trade("100", "1", T0.PlusMicros(2)), T0.PlusMicros(2));
        stats.OnTrade(Trade("100", "1", T0.PlusMicros(3)), T0.PlusMicros(3));

        var snapshot = stats.Snapshot(T0.Plus(Day).PlusMicros(1));

        snapshot.IsExact.Should().BeFalse();
        snapshot.TradeCount.Should().Be(3);
    }

    [Fact]
    public void OnTrade_LongStream_KeepsBucketsBoundedAndCountsExact()
    {
        var options = RollingTradeStatsOptions.Default with { Window = TimeSpan.FromHours(1) };
        var stats = new RollingTradeStats(options);
        var now = T0;
        var maxBuckets = 0;

        // Three hours at 10 trades per second, 100 ms apart.
        for (var i = 0; i < 3 * 3600 * 10; i++)
        {
            now = T0.PlusMicros(i * 100_000L);
            stats.OnTrade(Trade("100", "0.1", now), now);
            maxBuckets = Math.Max(maxBuckets, stats.BucketCount);
        }

        maxBuckets.Should().Be(3601).And.BeLessThanOrEqualTo((int)options.MaxBuckets);

        // (now − 1 h, now] holds exactly 36,000 trades 100 ms apart.
        var snapshot = stats.Snapshot(now);
        snapshot.TradeCount.Should().Be(36_000);
        snapshot.BaseVolume.Should().Be(3600m);
        stats.BucketCount.Should().BeInRange(3600, 3601);
    }

    [Fact]
    public void Compare_VenueTicker_ReportsOursMinusTheirs()
    {
        var stats = new RollingTradeStats();
        stats.OnTrade(Trade("100", "2", T0), T0);
        stats.OnTrade(Trade("110", "3", T0.PlusMicros(1)), T0.PlusMicros(1));
        var ours = stats.Snapshot(T0.PlusMicros(1));

        var diff = TickerComparison.Compare(ours, new VenueTicker(BaseVolume: 4m, Last: 110m, High: 111m, Low: 100m));

        diff.BaseVolume.Should().Be(1m);
        diff.BaseVolumePercent.Should().Be(25m);
        diff.Last.Should().Be(0m);
        diff.High.Should().Be(-1m);
        diff.Low.Should().Be(0m);
        diff.IsExactMatch.Should().BeFalse();
    }
}
