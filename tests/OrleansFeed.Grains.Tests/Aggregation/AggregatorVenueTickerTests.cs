using Microsoft.Extensions.Time.Testing;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Tests.Infrastructure;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Grains.Tests.Aggregation;

/// <summary>The aggregator's per-venue comparison of its 24 h statistics with the venue's own 24 h ticker, and the windowComplete flag.</summary>
public sealed class AggregatorVenueTickerTests
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

    private static ValueTask PublishTickerAsync(AggregationHarness h, string book, string open, string high, string low, string last, string volume) =>
        h.Streams.GetStream<VenueTicker24h>(new FanOutStreamId(StreamNamespaces.VenueTicker, book)).OnNextAsync(new VenueTicker24h(
            FixedDecimal.Parse(open), FixedDecimal.Parse(high), FixedDecimal.Parse(low), FixedDecimal.Parse(last), FixedDecimal.Parse(volume), h.Now, h.Now));

    [Fact]
    public async Task Stats_VenueTickerAfterTrades_DifferencePerVenueAndWindowIncomplete()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, Arrange);
        var grain = h.Aggregator("BTC-USDT");
        await grain.EnsureActiveAsync().WaitAsync(AggregationHarness.Timeout);
        await h.PublishTradeAsync(Binance, 1, "100", "1.5", h.Now);
        await h.PublishTradeAsync(Binance, 2, "103", "0.5", h.Now);
        await PublishTickerAsync(h, Binance, "98.5", "104", "97", "103", "8");

        var stats = await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Venues.Any(v => v.Ticker is not null) && s.Consolidated.TradeCount == 2, "trades and ticker handled");

        var binance = stats.Venues.Single(v => v.Venue == "binance");
        binance.Ticker!.Venue.Volume.ToString().Should().Be("8", "the venue's value is kept as stated");
        binance.Ticker.Venue.Open.ToString().Should().Be("98.5");
        binance.Ticker.Difference.BaseVolume.Should().Be(-6m, "ours 2 − venue 8");
        binance.Ticker.Difference.BaseVolumePercent.Should().Be(-75m);
        binance.Ticker.Difference.Last.Should().Be(0m);
        binance.Ticker.Difference.High.Should().Be(-1m, "ours 103 − venue 104");
        binance.Ticker.Difference.Low.Should().Be(3m, "ours 100 − venue 97");
        binance.Ticker.WindowComplete.Should().BeFalse("our window holds seconds of trades, not 24 h");
        stats.Venues.Single(v => v.Venue == "kraken").Ticker.Should().BeNull("kraken sent no ticker");
    }

    [Fact]
    public async Task Stats_TradesSinceMoreThan24h_WindowComplete()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, Arrange);
        var grain = h.Aggregator("BTC-USDT");
        await grain.EnsureActiveAsync().WaitAsync(AggregationHarness.Timeout);
        // The first trade received is 25 h old (outside the window); the second is now. (Advancing the test clock by
        // 25 h instead would queue 1500 one-minute ticks.)
        await h.PublishTradeAsync(Binance, 1, "100", "1", new Timestamp(h.Now.UnixMicroseconds - (25 * 3600 * 1_000_000L)));
        await h.PublishTradeAsync(Binance, 2, "101", "2", h.Now);
        await PublishTickerAsync(h, Binance, "101", "101", "101", "101", "2");

        var stats = await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Venues.Any(v => v.Ticker is not null) && s.Venues[0].Stats.TradeCount == 1, "second trade and ticker handled");

        var binance = stats.Venues.Single(v => v.Venue == "binance");
        binance.Ticker!.WindowComplete.Should().BeTrue("the first trade received is older than the window start");
        binance.Ticker.Difference.IsExactMatch.Should().BeTrue("the window holds exactly the venue's last 24 h: one trade at 101 of size 2");
    }
}
