using Microsoft.Extensions.Time.Testing;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Tests.Infrastructure;
using OrleansFeed.Grains.Abstractions;
using Orleans.Storage;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Grains.Tests.Aggregation;

/// <summary>The aggregator's 24 h statistics and candles from trades, per venue and consolidated, and their survival across deactivation.</summary>
public sealed class AggregatorTradeTests
{
    private const string Binance = "binance:BTCUSDT";
    private const string Kraken = "kraken:XBTUSDT";

    private static readonly Instrument[] TwoVenues =
    [
        AggregationHarness.Spot("binance", "BTCUSDT", "BTC-USDT"),
        AggregationHarness.Spot("kraken", "XBTUSDT", "BTC-USDT"),
    ];

    private static void Arrange(FakeBooks books, FakeTimeProvider clock)
    {
        var now = Timestamp.Now(clock);
        books.Set(Binance, 1, now, [("100", "1")], [("101", "1")]);
        books.Set(Kraken, 1, now, [("100", "1")], [("101", "1")]);
    }

    private static async Task PublishTradesAsync(AggregationHarness h)
    {
        var t0 = h.Now;
        await h.PublishTradeAsync(Binance, 1, "100", "1", new Timestamp(t0.UnixMicroseconds - 120_000_000));
        await h.PublishTradeAsync(Kraken, 1, "102", "2", new Timestamp(t0.UnixMicroseconds - 90_000_000));
        await h.PublishTradeAsync(Binance, 2, "99", "1", new Timestamp(t0.UnixMicroseconds - 30_000_000));
    }

    [Fact]
    public async Task Stats_TradesOfTwoVenues_ConsolidatedAndPerVenue()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, Arrange);
        var grain = h.Aggregator("BTC-USDT");
        await grain.EnsureActiveAsync().WaitAsync(AggregationHarness.Timeout);

        await PublishTradesAsync(h);

        var stats = await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Consolidated.TradeCount == 3, "three trades handled");
        stats.Consolidated.Open.ToDecimal().Should().Be(100m);
        stats.Consolidated.High.ToDecimal().Should().Be(102m);
        stats.Consolidated.Low.ToDecimal().Should().Be(99m);
        stats.Consolidated.Last.ToDecimal().Should().Be(99m);
        stats.Consolidated.BaseVolume.Should().Be(4m);
        stats.Consolidated.QuoteVolume.Should().Be(403m);
        stats.Venues.Single(v => v.Venue == "binance").Stats.TradeCount.Should().Be(2);
        stats.Venues.Single(v => v.Venue == "kraken").Stats.BaseVolume.Should().Be(2m);
    }

    [Fact]
    public async Task Candles_OneMinute_ClosedOnTimeWithPreviousCloseCarried()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, Arrange);
        var grain = h.Aggregator("BTC-USDT");
        await grain.EnsureActiveAsync().WaitAsync(AggregationHarness.Timeout);

        // From a minute boundary: trades at 0 s, 30 s and 90 s, then the clock moves to 180 s.
        h.AdvanceToNextMinute();
        await h.PublishTradeAsync(Binance, 1, "100", "1", h.Now);
        await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Consolidated.TradeCount == 1, "first trade handled");
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await h.PublishTradeAsync(Kraken, 1, "102", "2", h.Now);
        await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Consolidated.TradeCount == 2, "second trade handled");
        h.Clock.Advance(TimeSpan.FromSeconds(60));
        await h.PublishTradeAsync(Binance, 2, "99", "1", h.Now);
        await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Consolidated.TradeCount == 3, "third trade handled");
        h.Clock.Advance(TimeSpan.FromSeconds(90));

        var series = await grain.GetCandlesAsync(CandleInterval.OneMinute, new Timestamp(0), h.Now, venue: null);

        series.Candles.Should().HaveCount(3);
        series.Candles.Should().OnlyContain(c => c.IsClosed);
        series.Candles[0].Open.ToDecimal().Should().Be(100m);
        series.Candles[0].Close.ToDecimal().Should().Be(102m);
        series.Candles[0].TradeCount.Should().Be(2);
        series.Candles[1].TradeCount.Should().Be(1);
        series.Candles[1].Open.ToDecimal().Should().Be(99m);
        series.Candles[2].IsEmpty.Should().BeTrue();
        series.Candles[2].Close.ToDecimal().Should().Be(99m);
        var kraken = await grain.GetCandlesAsync(CandleInterval.OneMinute, new Timestamp(0), h.Now, venue: "kraken");
        kraken.Candles.Should().HaveCount(3);
        kraken.Candles[1].IsEmpty.Should().BeTrue();
        kraken.Candles[1].Close.ToDecimal().Should().Be(102m, "an empty candle carries the previous close");
    }

    [Fact]
    public async Task Timer_CandleDueWithoutTrades_ClosedAndPublishedWithStats()
    {
        var settings = new Dictionary<string, string?> { ["Aggregation:TickInterval"] = "00:00:01" };
        await using var h = await AggregationHarness.StartAsync(TwoVenues, Arrange, settings);
        var grain = h.Aggregator("BTC-USDT");
        await grain.EnsureActiveAsync().WaitAsync(AggregationHarness.Timeout);
        var closed = new TaskCompletionSource<CandleUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stats = new TaskCompletionSource<AggregatedStats>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var candleSub = h.Streams.GetStream<CandleUpdate>(new FanOutStreamId(StreamNamespaces.Candles, "BTC-USDT")).Subscribe(u =>
        {
            if (u.Venue is null && u.Candle.Interval == CandleInterval.OneMinute && u.Candle.IsClosed)
            {
                closed.TrySetResult(u);
            }

            return ValueTask.CompletedTask;
        });
        await using var statsSub = h.Streams.GetStream<AggregatedStats>(new FanOutStreamId(StreamNamespaces.Stats, "BTC-USDT")).Subscribe(s =>
        {
            if (s.Consolidated.TradeCount == 1)
            {
                stats.TrySetResult(s);
            }

            return ValueTask.CompletedTask;
        });

        await h.PublishTradeAsync(Binance, 1, "100", "1", h.Now.PlusSeconds(1));
        await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Consolidated.TradeCount == 1, "trade handled");
        h.Clock.Advance(TimeSpan.FromSeconds(61));

        var candle = (await closed.Task.WaitAsync(AggregationHarness.Timeout)).Candle;
        candle.TradeCount.Should().Be(1);
        candle.Close.ToDecimal().Should().Be(100m);
        (await stats.Task.WaitAsync(AggregationHarness.Timeout)).Venues.Single(v => v.Venue == "binance").Stats.TradeCount.Should().Be(1);
    }

    [Fact]
    public async Task State_Deactivated_StatsAndCandlesRestoredOnActivation()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, Arrange);
        var grain = h.Aggregator("BTC-USDT");
        await grain.EnsureActiveAsync().WaitAsync(AggregationHarness.Timeout);
        await PublishTradesAsync(h);
        var before = (await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Consolidated.TradeCount == 3, "three trades handled")).Consolidated;
        var candlesBefore = (await grain.GetCandlesAsync(CandleInterval.FiveMinutes, new Timestamp(0), h.Now, null)).Candles;

        // Orleans deactivates the grain (its state is written to the silo's grain storage) and the next call activates it again.
        await AggregationHarness.DeactivateAsync(grain);
        var restored = await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Consolidated.TradeCount == 3, "state restored by the new activation");
        var candlesAfter = (await grain.GetCandlesAsync(CandleInterval.FiveMinutes, new Timestamp(0), h.Now, null)).Candles;

        restored.Consolidated.Should().BeEquivalentTo(before);
        restored.Venues.Single(v => v.Venue == "kraken").Stats.TradeCount.Should().Be(1);
        candlesAfter.Should().Equal(candlesBefore);
        candlesBefore.Should().NotBeEmpty();
    }
}
