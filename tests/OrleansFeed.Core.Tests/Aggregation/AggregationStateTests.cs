using System.Text.Json;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Stats;
using static OrleansFeed.Core.Tests.Aggregation.AggregationTestData;

namespace OrleansFeed.Core.Tests.Aggregation;

/// <summary>Export and restore of the rolling window and candle builders through JSON: the restored objects answer and evolve exactly as the originals.</summary>
public sealed class AggregationStateTests
{
    private static T RoundTrip<T>(T state) => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(state))!;

    [Fact]
    public void RollingStats_RestoredFromJson_SameSnapshotsAtTheWindowEdge()
    {
        var t0 = At("2026-01-01T00:00:00Z");
        var original = new RollingTradeStats();
        original.OnTrade(Trade("100.5", "1", t0.PlusMicros(250_000)), t0);
        original.OnTrade(Trade("99", "2", t0.PlusMicros(750_000)), t0.Plus(TimeSpan.FromSeconds(1)));
        original.OnTrade(Trade("101.25", "0.5", t0.Plus(TimeSpan.FromHours(1))), t0.Plus(TimeSpan.FromHours(1)));

        var restored = new RollingTradeStats();
        restored.RestoreState(RoundTrip(original.ExportState()));

        // Inside the straddling first bucket: the 250 ms trade is out, the 750 ms trade still in.
        var edge = t0.Plus(TimeSpan.FromHours(24)).PlusMicros(500_000);
        restored.Snapshot(edge).Should().BeEquivalentTo(original.Snapshot(edge));
        restored.Snapshot(edge).TradeCount.Should().Be(2);
        restored.Snapshot(edge).Open.Should().Be(D("99"));
        var later = t0.Plus(TimeSpan.FromHours(25));
        restored.OnTrade(Trade("102", "1", later), later).Should().Be(TradeStatsOutcome.Accepted);
        original.OnTrade(Trade("102", "1", later), later);
        restored.Snapshot(later).Should().BeEquivalentTo(original.Snapshot(later));
    }

    [Fact]
    public void CandleBuilder_RestoredFromJson_SameHistoryOpenCandleAndAmendments()
    {
        var t0 = At("2026-01-01T00:00:00Z");
        var original = new CandleBuilder(CandleInterval.OneMinute);
        original.OnTrade(Trade("100", "1", t0.Plus(TimeSpan.FromSeconds(5))), t0.Plus(TimeSpan.FromSeconds(5)));
        original.OnTrade(Trade("101", "1", t0.Plus(TimeSpan.FromSeconds(65))), t0.Plus(TimeSpan.FromSeconds(65)));

        var restored = new CandleBuilder(CandleInterval.OneMinute);
        restored.RestoreState(RoundTrip(original.ExportState()));

        restored.OpenCandle.Should().Be(original.OpenCandle);
        var late = t0.Plus(TimeSpan.FromSeconds(30));
        var now = t0.Plus(TimeSpan.FromSeconds(66));
        restored.OnTrade(Trade("98", "2", late), now).Should().Be(CandleTradeOutcome.Amended, "the closed candle is within the grace period");
        original.OnTrade(Trade("98", "2", late), now);
        var all = t0.Plus(TimeSpan.FromHours(1));
        restored.Advance(all);
        original.Advance(all);
        List<Candle> a = [], b = [];
        restored.CopyHistory(t0, all, a);
        original.CopyHistory(t0, all, b);
        a.Should().Equal(b);
        a[0].IsAmended.Should().BeTrue();
        a[0].Low.Should().Be(D("98"));
    }

    [Fact]
    public void CandleBuilder_StateOfAnotherInterval_Rejected()
    {
        var state = new CandleBuilder(CandleInterval.OneHour).ExportState();

        var act = () => new CandleBuilder(CandleInterval.OneMinute).RestoreState(state);

        act.Should().Throw<ArgumentException>();
    }
}
