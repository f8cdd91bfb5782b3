using System.Globalization;
using System.Text.Json;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.Silo.Commands;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.EndToEnd.Tests;

/// <summary>
/// <c>replay --out</c> over a spot and a futures capture recorded a day apart: the aggregates are aligned to a common
/// start and equal values computed in the test from the capture's trades (shifted by the session offset) and books.
/// </summary>
public class ReplayAggregatesTests
{
    [Fact]
    public void Replay_SpotAndFuturesFromDifferentDays_AggregatesAlignedAndEqualIndependentComputation()
    {
        var spot = CaptureFile.GroupSessions([SharedData.PathOf("binance_spot")]).Single(s => Path.GetFileName(s[0]).StartsWith("2021-04-04", StringComparison.Ordinal));
        var futures = CaptureFile.GroupSessions([SharedData.PathOf("binance_futures")]).Single(s => Path.GetFileName(s[0]).StartsWith("2021-04-05", StringComparison.Ordinal));
        var output = new FileInfo(Path.Combine(Path.GetTempPath(), $"orleansfeed-replay-{Guid.NewGuid():N}.json"));
        try
        {
            ReplayCommand.Run([.. spot, .. futures], output, depth: 1).Should().Be(0);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(output.FullName));
            var aggregates = doc.RootElement.GetProperty("aggregates");

            // Alignment: the earlier capture (spot, 2021-04-04) keeps its times; futures move back to the same start.
            var spotFirst = CaptureFile.ReadMerged(spot)[0].Time.UnixMicroseconds;
            var futuresFirst = CaptureFile.ReadMerged(futures)[0].Time.UnixMicroseconds;
            var offsets = aggregates.GetProperty("alignment").GetProperty("sessions").EnumerateArray()
                .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("offsetMicroseconds").GetInt64());
            offsets.Single(o => o.Key.StartsWith("binance_spot", StringComparison.Ordinal)).Value.Should().Be(0);
            var futuresOffset = offsets.Single(o => o.Key.StartsWith("binance_futures", StringComparison.Ordinal)).Value;
            futuresOffset.Should().Be(spotFirst - futuresFirst);

            var trades = new List<(string Symbol, Trade Trade)>();
            var engine = new ReplayEngine(new VenueRegistry(BinanceProtocol.All())) { TradeObserver = (b, t) => trades.Add((b.Instrument.Symbol, t)) };
            engine.Run("futures", futures);
            var reference = ReferenceBinanceBooks.Build(futures, futures: true);
            var instruments = aggregates.GetProperty("instruments").EnumerateArray().ToDictionary(i => i.GetProperty("instrument").GetString()!);
            var end = DateTimeOffset.Parse(aggregates.GetProperty("end").GetString()!, CultureInfo.InvariantCulture);
            foreach (var symbol in new[] { "BATUSDT", "SANDUSDT" })
            {
                var key = symbol[..^4] + "-USDT-PERP";
                var mine = trades.Where(t => t.Symbol == symbol).Select(t => Time(t.Trade) + futuresOffset).ToList();
                var prices = trades.Where(t => t.Symbol == symbol).Select(t => t.Trade).ToList();
                mine.Should().NotBeEmpty();
                var stats = instruments[key].GetProperty("stats").GetProperty("consolidated");
                stats.GetProperty("tradeCount").GetInt64().Should().Be(prices.Count);
                Dec(stats.GetProperty("baseVolume")).Should().Be(prices.Sum(t => t.Size.ToDecimal()));
                Dec(stats.GetProperty("high")).Should().Be(prices.Max(t => t.Price.ToDecimal()));

                // 1m candles from the first aligned trade's minute to the end's minute, aligned to UTC minutes.
                var candles = instruments[key].GetProperty("candles").GetProperty("consolidated").GetProperty("1m").EnumerateArray().ToList();
                var firstMinute = mine.Min() / 60_000_000 * 60_000_000;
                Micros(candles[0].GetProperty("start")).Should().Be(firstMinute);
                candles.Sum(c => c.GetProperty("tradeCount").GetInt64()).Should().Be(prices.Count);
                candles[^1].GetProperty("closed").GetBoolean().Should().BeFalse("the candle containing the end is open");
                Micros(candles[^1].GetProperty("start")).Should().Be(end.ToUnixTimeMilliseconds() * 1000 / 60_000_000 * 60_000_000);

                var nbbo = instruments[key].GetProperty("nbbo");
                Dec(nbbo.GetProperty("bid").GetProperty("price")).Should().Be(reference[symbol].Bids.First().Key);
                Dec(nbbo.GetProperty("ask").GetProperty("price")).Should().Be(reference[symbol].Asks.First().Key);
            }
        }
        finally
        {
            output.Delete();
        }
    }

    [Fact]
    public void Replay_TradeOnlyCapture_StatsAndCandlesForEveryTradedInstrument()
    {
        var file = SharedData.PathOf(Path.Combine("kraken", "2021-04-05_trade_10-pairs.combined.txt.gz"));
        var output = new FileInfo(Path.Combine(Path.GetTempPath(), $"orleansfeed-replay-{Guid.NewGuid():N}.json"));
        try
        {
            ReplayCommand.Run([file], output, depth: 1).Should().Be(0);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(output.FullName));
            var instruments = doc.RootElement.GetProperty("aggregates").GetProperty("instruments").EnumerateArray()
                .ToDictionary(i => i.GetProperty("instrument").GetString()!);

            var trades = new List<(string Symbol, Trade Trade)>();
            var engine = new ReplayEngine(AllVenues.Registry()) { TradeObserver = (b, t) => trades.Add((b.Instrument.Canonical, t)) };
            engine.Run("kraken", [file]);
            trades.Should().NotBeEmpty("the capture holds Kraken's trade channel only");
            foreach (var group in trades.GroupBy(t => t.Symbol))
            {
                instruments.Should().ContainKey(group.Key, "every traded instrument has aggregates, with or without a book");
                var stats = instruments[group.Key].GetProperty("stats").GetProperty("consolidated");
                stats.GetProperty("tradeCount").GetInt64().Should().Be(group.Count());
                Dec(stats.GetProperty("baseVolume")).Should().Be(group.Sum(t => t.Trade.Size.ToDecimal()));
                var candles = instruments[group.Key].GetProperty("candles").GetProperty("consolidated").GetProperty("1m").EnumerateArray();
                candles.Sum(c => c.GetProperty("tradeCount").GetInt64()).Should().Be(group.Count());
            }
        }
        finally
        {
            output.Delete();
        }
    }

    private static long Time(Trade t) => (t.ExchangeTime.IsNone ? t.ReceiveTime : t.ExchangeTime).UnixMicroseconds;

    private static decimal Dec(JsonElement e) => decimal.Parse(e.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static long Micros(JsonElement e) => DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() * 1000;
}
