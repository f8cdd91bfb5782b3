using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Time;
using static OrleansFeed.Core.Tests.Aggregation.AggregationTestData;

namespace OrleansFeed.Core.Tests.Aggregation;

/// <summary>Verifies candle alignment to UTC, empty intervals, late-trade amendment and rejection, and history queries.</summary>
public class CandleBuilderTests
{
    private static List<Candle> Drain(CandleBuilder builder)
    {
        var list = new List<Candle>();
        while (builder.TryTakeEmitted(out var candle))
        {
            list.Add(candle);
        }

        return list;
    }

    [Theory]
    [InlineData(CandleInterval.OneMinute, "2024-03-05T13:47:00Z")]
    [InlineData(CandleInterval.FiveMinutes, "2024-03-05T13:45:00Z")]
    [InlineData(CandleInterval.FifteenMinutes, "2024-03-05T13:45:00Z")]
    [InlineData(CandleInterval.OneHour, "2024-03-05T13:00:00Z")]
    [InlineData(CandleInterval.FourHours, "2024-03-05T12:00:00Z")]
    [InlineData(CandleInterval.OneDay, "2024-03-05T00:00:00Z")]
    public void Floor_EachInterval_AlignsToUtc(CandleInterval interval, string expectedStart)
    {
        CandleIntervals.Floor(At("2024-03-05T13:47:29.123456Z"), interval).Should().Be(At(expectedStart));
    }

    [Theory]
    [InlineData(CandleInterval.FiveMinutes, "2024-03-05T00:04:59.999999Z", "2024-03-05T00:00:00Z")]
    [InlineData(CandleInterval.FiveMinutes, "2024-03-05T00:05:00Z", "2024-03-05T00:05:00Z")]
    [InlineData(CandleInterval.FourHours, "2024-03-05T03:59:59.999999Z", "2024-03-05T00:00:00Z")]
    [InlineData(CandleInterval.FourHours, "2024-03-05T04:00:00Z", "2024-03-05T04:00:00Z")]
    [InlineData(CandleInterval.FourHours, "2024-03-05T23:59:59.999999Z", "2024-03-05T20:00:00Z")]
    [InlineData(CandleInterval.OneDay, "2024-03-05T23:59:59.999999Z", "2024-03-05T00:00:00Z")]
    [InlineData(CandleInterval.OneDay, "2024-03-06T00:00:00Z", "2024-03-06T00:00:00Z")]
    public void Floor_AtBoundaries_GoesToTheRightCandle(CandleInterval interval, string time, string expectedStart)
    {
        CandleIntervals.Floor(At(time), interval).Should().Be(At(expectedStart));
    }

    [Fact]
    public void OnTrade_FiveMinuteBoundary_ClosesTheFirstCandleAndOpensTheNext()
    {
        var builder = new CandleBuilder(CandleInterval.FiveMinutes);
        var first = At("2024-01-01T00:03:59.999Z");
        var second = At("2024-01-01T00:05:00.000Z");

        builder.OnTrade(Trade("100", "1", first), first).Should().Be(CandleTradeOutcome.Accepted);
        builder.OnTrade(Trade("101", "2", second), second).Should().Be(CandleTradeOutcome.Accepted);

        var closed = Drain(builder).Should().ContainSingle().Subject;
        closed.Start.Should().Be(At("2024-01-01T00:00:00Z"));
        closed.End.Should().Be(At("2024-01-01T00:05:00Z"));
        closed.Close.Should().Be(D("100"));
        closed.TradeCount.Should().Be(1);
        closed.IsClosed.Should().BeTrue();
        builder.OpenCandle!.Value.Start.Should().Be(At("2024-01-01T00:05:00Z"));
        builder.OpenCandle!.Value.Open.Should().Be(D("101"));
    }

    [Fact]
    public void OnTrade_SeveralTrades_GivesOhlcvVwapAndQuoteVolume()
    {
        var builder = new CandleBuilder(CandleInterval.OneMinute);
        var t = At("2024-01-01T00:00:10Z");
        builder.OnTrade(Trade("100", "1", t), t);
        builder.OnTrade(Trade("103", "1", t.Plus(TimeSpan.FromSeconds(5))), t.Plus(TimeSpan.FromSeconds(5)));
        builder.OnTrade(Trade("99", "1", t.Plus(TimeSpan.FromSeconds(10))), t.Plus(TimeSpan.FromSeconds(10)));
        builder.OnTrade(Trade("102", "1", t.Plus(TimeSpan.FromSeconds(20))), t.Plus(TimeSpan.FromSeconds(20)));

        var open = builder.OpenCandle!.Value;

        open.Open.Should().Be(D("100"));
        open.High.Should().Be(D("103"));
        open.Low.Should().Be(D("99"));
        open.Close.Should().Be(D("102"));
        open.Volume.Should().Be(4m);
        open.QuoteVolume.Should().Be(404m);
        open.Vwap.Should().Be(101m);
        open.TradeCount.Should().Be(4);
        open.IsClosed.Should().BeFalse();
    }

    [Fact]
    public void Advance_WithoutTrades_EmitsEmptyCandlesCarryingThePreviousClose()
    {
        var builder = new CandleBuilder(CandleInterval.OneMinute);
        builder.OnTrade(Trade("100", "1", At("2024-01-01T00:00:10Z")), At("2024-01-01T00:00:10Z"));
        builder.OnTrade(Trade("101", "1", At("2024-01-01T00:00:50Z")), At("2024-01-01T00:00:50Z"));

        builder.Advance(At("2024-01-01T00:03:00Z"));

        var closed = Drain(builder);
        closed.Select(c => c.Start).Should().Equal(At("2024-01-01T00:00:00Z"), At("2024-01-01T00:01:00Z"), At("2024-01-01T00:02:00Z"));
        closed[0].IsEmpty.Should().BeFalse();
        closed[0].Close.Should().Be(D("101"));
        foreach (var empty in closed.Skip(1))
        {
            empty.IsEmpty.Should().BeTrue();
            (empty.Open, empty.High, empty.Low, empty.Close).Should().Be((D("101"), D("101"), D("101"), D("101")));
            empty.Volume.Should().Be(0m);
            empty.TradeCount.Should().Be(0);
            empty.Vwap.Should().BeNull();
        }

        builder.OpenCandle!.Value.Start.Should().Be(At("2024-01-01T00:03:00Z"));
    }

    [Fact]
    public void OnTrade_FirstTradeInEmptyOpenCandle_SetsItsOwnOpen()
    {
        var builder = new CandleBuilder(CandleInterval.OneMinute);
        builder.OnTrade(Trade("100", "1", At("2024-01-01T00:00:10Z")), At("2024-01-01T00:00:10Z"));
        builder.Advance(At("2024-01-01T00:01:00Z"));

        builder.OnTrade(Trade("97", "1", At("2024-01-01T00:01:30Z")), At("2024-01-01T00:01:30Z"));

        var open = builder.OpenCandle!.Value;
        (open.Open, open.High, open.Low, open.Close).Should().Be((D("97"), D("97"), D("97"), D("97")));
        open.IsEmpty.Should().BeFalse();
    }

    [Fact]
    public void OnTrade_LateWithinGrace_AmendsTheClosedCandleAndFlagsIt()
    {
        var builder = new CandleBuilder(CandleInterval.OneMinute, CandleBuilderOptions.Default with { GracePeriod = TimeSpan.FromSeconds(10) });
        builder.OnTrade(Trade("100", "1", At("2024-01-01T00:00:30Z")), At("2024-01-01T00:00:30Z"));
        builder.Advance(At("2024-01-01T00:01:05Z"));
        Drain(builder);

        // Exactly the grace period after the candle's end is still within grace.
        var outcome = builder.OnTrade(Trade("99", "2", At("2024-01-01T00:00:59Z")), At("2024-01-01T00:01:10Z"));

        outcome.Should().Be(CandleTradeOutcome.Amended);
        var amended = Drain(builder).Should().ContainSingle().Subject;
        amended.Start.Should().Be(At("2024-01-01T00:00:00Z"));
        amended.IsAmended.Should().BeTrue();
        amended.Open.Should().Be(D("100"));
        amended.Close.Should().Be(D("99"));
        amended.Low.Should().Be(D("99"));
        amended.Volume.Should().Be(3m);
        amended.TradeCount.Should().Be(2);

        var history = new List<Candle>();
        builder.CopyHistory(At("2024-01-01T00:00:00Z"), At("2024-01-01T00:01:00Z"), history);
        history.Should().ContainSingle().Which.IsAmended.Should().BeTrue();
    }

    [Fact]
    public void OnTrade_LateBeyondGrace_IsRejectedAndCounted()
    {
        var builder = new CandleBuilder(CandleInterval.OneMinute, CandleBuilderOptions.Default with { GracePeriod = TimeSpan.FromSeconds(10) });
        builder.OnTrade(Trade("100", "1", At("2024-01-01T00:00:30Z")), At("2024-01-01T00:00:30Z"));
        Drain(builder);

        var outcome = builder.OnTrade(Trade("99", "2", At("2024-01-01T00:00:59Z")), At("2024-01-01T00:01:10.000001Z"));

        outcome.Should().Be(CandleTradeOutcome.RejectedLate);
        builder.RejectedLateCount.Should().Be(1);
        var closed = Drain(builder).Should().ContainSingle().Subject;
        closed.IsAmended.Should().BeFalse();
        closed.TradeCount.Should().Be(1);
    }

    [Fact]
    public void OnTrade_FourHourAndDayBoundaries_CloseAtUtcBoundaries()
    {
        var fourHours = new CandleBuilder(CandleInterval.FourHours);
        var day = new CandleBuilder(CandleInterval.OneDay);
        var before = At("2024-03-05T23:59:59.999999Z");
        var after = At("2024-03-06T00:00:00Z");

        foreach (var builder in new[] { fourHours, day })
        {
            builder.OnTrade(Trade("100", "1", before), before);
            builder.OnTrade(Trade("101", "1", after), after);
        }

        Drain(fourHours).Should().ContainSingle().Which.Start.Should().Be(At("2024-03-05T20:00:00Z"));
        Drain(day).Should().ContainSingle().Which.Start.Should().Be(At("2024-03-05T00:00:00Z"));
        day.OpenCandle!.Value.End.Should().Be(At("2024-03-07T00:00:00Z"));
    }

    [Fact]
    public void CopyHistory_KeepsOnlyTheCapacityAndFiltersByStart()
    {
        var builder = new CandleBuilder(CandleInterval.OneMinute, CandleBuilderOptions.Default with { HistoryCapacity = 3 });
        var t0 = At("2024-01-01T00:00:00Z");
        builder.OnTrade(Trade("100", "1", t0), t0);
        builder.Advance(t0.Plus(TimeSpan.FromMinutes(5)));

        var all = new List<Candle>();
        builder.CopyHistory(t0, t0.Plus(TimeSpan.FromHours(1)), all);
        var range = new List<Candle>();
        builder.CopyHistory(t0.Plus(TimeSpan.FromMinutes(3)), t0.Plus(TimeSpan.FromMinutes(4)), range);

        builder.HistoryCount.Should().Be(3);
        all.Select(c => c.Start).Should().Equal(t0.Plus(TimeSpan.FromMinutes(2)), t0.Plus(TimeSpan.FromMinutes(3)), t0.Plus(TimeSpan.FromMinutes(4)));
        range.Should().ContainSingle().Which.Start.Should().Be(t0.Plus(TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public void Advance_GapLongerThanTheHistory_EmitsItsLastHistoryOfEmptyCandlesAndCountsTheRest()
    {
        var builder = new CandleBuilder(CandleInterval.OneMinute, CandleBuilderOptions.Default with { HistoryCapacity = 5 });
        var t0 = At("2024-01-01T00:00:00Z");
        builder.OnTrade(Trade("100", "1", t0.Plus(TimeSpan.FromSeconds(5))), t0.Plus(TimeSpan.FromSeconds(5)));

        builder.Advance(t0.Plus(TimeSpan.FromMinutes(100)));

        // 99 empty minutes: 94 skipped (beyond the history), 5 queued after the traded candle, which is then the
        // oldest of 6 in a queue of 5 and dropped.
        builder.SkippedEmptyCount.Should().Be(94);
        builder.EmittedCount.Should().Be(5);
        var emitted = Drain(builder);
        builder.DroppedEmittedCount.Should().Be(1);
        emitted.Select(c => c.Start).Should().Equal(Enumerable.Range(95, 5).Select(m => t0.Plus(TimeSpan.FromMinutes(m))));
        emitted.Should().OnlyContain(c => c.IsEmpty && c.IsClosed && !c.IsAmended && c.Close == D("100") && c.Open == D("100") && c.Volume == 0m && c.End == c.Start.Plus(TimeSpan.FromMinutes(1)));
        builder.EmittedCount.Should().Be(0);
    }

    [Fact]
    public void TryTakeEmitted_NotDrainedAcrossTwoGaps_KeepsTheNewestCandlesInOrder()
    {
        var builder = new CandleBuilder(CandleInterval.OneMinute, CandleBuilderOptions.Default with { HistoryCapacity = 4 });
        var t0 = At("2024-01-01T00:00:00Z");
        builder.OnTrade(Trade("100", "1", t0), t0);
        builder.Advance(t0.Plus(TimeSpan.FromMinutes(3)));             // queued: minute 0 (traded), 1 and 2 (empty)
        builder.TryTakeEmitted(out var first).Should().BeTrue();
        first.Start.Should().Be(t0);
        var traded = t0.Plus(TimeSpan.FromSeconds(190));
        builder.OnTrade(Trade("105", "2", traded), traded);
        builder.Advance(t0.Plus(TimeSpan.FromMinutes(6)));             // + minute 3 (traded), 4 and 5 (empty): 6 > 4

        var emitted = Drain(builder);

        builder.DroppedEmittedCount.Should().Be(1, "minute 1 is the oldest waiting when minute 5 is queued");
        emitted.Select(c => c.Start).Should().Equal(Enumerable.Range(2, 4).Select(m => t0.Plus(TimeSpan.FromMinutes(m))));
        emitted.Select(c => (c.IsEmpty, c.Close)).Should().Equal((true, D("100")), (false, D("105")), (true, D("105")), (true, D("105")));
    }
}
