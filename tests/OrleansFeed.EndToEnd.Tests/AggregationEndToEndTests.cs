using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.EndToEnd.Tests;

/// <summary>
/// Replays recorded Binance spot and futures sessions through one silo (two simulators) and checks NBBO, consolidated
/// depth, 24 h statistics and 1m candles served over REST against values computed in the test from the same trades
/// (plain LINQ over the capture's trades) and from independently rebuilt books.
/// </summary>
public class AggregationEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Silo_SpotAndFuturesCaptures_AggregatesEqualIndependentComputation()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var futures = SiloAgainstSimulatorTests.SessionFiles("binance_futures", "2021-07-22");
        var spot = SiloAgainstSimulatorTests.SessionFiles("binance_spot", "2021-10-12");
        var settings = new Dictionary<string, string?>
        {
            // Captures are from 2021: the window and candles follow the trades' clock; quotes never age out during the test.
            ["Aggregation:Clock"] = "Trades",
            ["Aggregation:MaxQuoteAge"] = "01:00:00",
            // Instruments (base/quote, canonical keys) as the venue's exchangeInfo describes them.
            ["Feed:Venues:binance-futures:LoadInstruments"] = "true",
            ["Feed:Venues:binance:LoadInstruments"] = "true",
        };
        await using var silo = await SimulatedSilo.StartAsync(
            [SimulatedSession.BinanceMarket(futures, splitRoutes: true), SimulatedSession.BinanceMarket(spot, splitRoutes: false)], cts.Token, settings: settings);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        var catalog = silo.Silo.Services.GetRequiredService<IInstrumentCatalog>();
        var grains = silo.Silo.Services.GetRequiredService<IGrainFactory>();
        using var http = new HttpClient { BaseAddress = silo.Api };
        var checkedTrades = 0;
        foreach (var (files, isFutures, venue) in new[] { (futures, true, "binance-futures"), (spot, false, "binance") })
        {
            var books = ReferenceBinanceBooks.Build(files, futures: isFutures);
            var trades = CaptureTrades(files);
            foreach (var (symbol, book) in books)
            {
                catalog.TryGet(new BookKey(venue, symbol), out var instrument).Should().BeTrue();
                var key = instrument.Canonical;
                var aggregator = grains.GetGrain<IAggregatorGrain>(key);

                // NBBO: a single venue per group here, so the NBBO is that venue's best bid and ask.
                var bestBid = book.Bids.First();
                var bestAsk = book.Asks.First();
                await Poll.UntilAsync(async () => (await aggregator.GetNbboAsync()).Nbbo is { } n && n.BidPrice == bestBid.Key && n.AskPrice == bestAsk.Key
                    && n.BidSize == Dec(bestBid.Value) && n.AskSize == Dec(bestAsk.Value), $"{key} NBBO equals the rebuilt book's top", cts.Token);
                using var nbbo = await GetAsync(http, $"/api/v1/nbbo/{key}", cts.Token);
                Dec(nbbo.RootElement.GetProperty("bid").GetProperty("price").GetString()).Should().Be(bestBid.Key);
                nbbo.RootElement.GetProperty("ask").GetProperty("size").GetString().Should().Be(bestAsk.Value);
                nbbo.RootElement.GetProperty("venues")[0].GetProperty("eligibility").GetString().Should().Be("eligible");

                using var depth = await GetAsync(http, $"/api/v1/depth/{key}?levels=5", cts.Token);
                depth.RootElement.GetProperty("bids").EnumerateArray().Select(l => (Dec(l.GetProperty("price").GetString()), Dec(l.GetProperty("size").GetString())))
                    .Should().Equal(book.Bids.Take(5).Select(kv => (kv.Key, Dec(kv.Value))), $"{key} depth bids");
                depth.RootElement.GetProperty("asks").EnumerateArray().Select(l => (Dec(l.GetProperty("price").GetString()), Dec(l.GetProperty("size").GetString())))
                    .Should().Equal(book.Asks.Take(5).Select(kv => (kv.Key, Dec(kv.Value))), $"{key} depth asks");

                // The trades the silo received: with split routes the trade connection may subscribe after the simulator
                // began playing, so an early prefix of the capture's trades can be missing; what arrived must be the rest.
                var captured = trades.Where(t => t.Symbol == symbol).Select(t => t.Trade).ToList();
                var bookGrain = grains.GetGrain<IOrderBookGrain>($"{venue}:{symbol}");
                List<Trade> mine = [];
                await Poll.UntilAsync(
                    async () =>
                    {
                        mine = [.. (await bookGrain.GetRecentTradesAsync(1000)).Reverse()];
                        return (await aggregator.GetStatsAsync()).Consolidated.TradeCount == mine.Count;
                    },
                    $"{key}: the aggregator counted the trades the book received",
                    cts.Token);
                captured.Count.Should().BeLessThan(1000, "the book grain keeps the last 1000 trades");
                mine.Select(Identity).Should().Equal(captured.Skip(captured.Count - mine.Count).Select(Identity), $"{key}: received trades are the capture's, in order");
                using var stats = await GetAsync(http, $"/api/v1/stats/{key}", cts.Token);
                AssertStats(stats.RootElement.GetProperty("consolidated"), mine, key);
                if (mine.Count > 0)
                {
                    await AssertCandlesAsync(http, key, mine, cts.Token);
                }

                // The same NBBO and stats as the WebSocket snapshots of the instrument channels.
                using var nbboWs = await WebSocketSnapshotAsync(silo, "nbbo", key, cts.Token);
                Dec(nbboWs.RootElement.GetProperty("data").GetProperty("bid").GetProperty("price").GetString()).Should().Be(bestBid.Key, $"{key} WebSocket NBBO bid");
                Dec(nbboWs.RootElement.GetProperty("data").GetProperty("ask").GetProperty("price").GetString()).Should().Be(bestAsk.Key, $"{key} WebSocket NBBO ask");
                using var statsWs = await WebSocketSnapshotAsync(silo, "stats", key, cts.Token);
                statsWs.RootElement.GetProperty("data").GetProperty("consolidated").GetProperty("tradeCount").GetInt64().Should().Be(mine.Count, $"{key} WebSocket stats");

                checkedTrades += mine.Count;
            }
        }

        checkedTrades.Should().BeGreaterThan(0, "the captures hold trades");
    }

    private static void AssertStats(JsonElement window, List<Trade> trades, string key)
    {
        window.GetProperty("tradeCount").GetInt64().Should().Be(trades.Count, key);
        if (trades.Count == 0)
        {
            return;
        }

        // Open/last by exchange time, ties by arrival (the list is in arrival order; OrderBy is stable).
        var byTime = trades.OrderBy(Time).ToList();
        Dec(window.GetProperty("open").GetString()).Should().Be(byTime[0].Price.ToDecimal(), $"{key} open");
        Dec(window.GetProperty("last").GetString()).Should().Be(byTime.Last(t => Time(t) == Time(byTime[^1])).Price.ToDecimal(), $"{key} last");
        Dec(window.GetProperty("high").GetString()).Should().Be(trades.Max(t => t.Price.ToDecimal()), $"{key} high");
        Dec(window.GetProperty("low").GetString()).Should().Be(trades.Min(t => t.Price.ToDecimal()), $"{key} low");
        Dec(window.GetProperty("baseVolume").GetString()).Should().Be(trades.Sum(t => t.Size.ToDecimal()), $"{key} base volume");
        Dec(window.GetProperty("quoteVolume").GetString()).Should().Be(trades.Sum(t => t.Price.ToDecimal() * t.Size.ToDecimal()), $"{key} quote volume");
    }

    private static async Task AssertCandlesAsync(HttpClient http, string key, List<Trade> trades, CancellationToken ct)
    {
        const long minute = 60_000_000;
        var first = Floor(trades.Min(Time), minute);
        var last = Floor(trades.Max(Time), minute);
        using var doc = await GetAsync(http, $"/api/v1/candles/{key}?interval=1m&start={first / 1000}&end={(last + minute) / 1000}", ct);
        var candles = doc.RootElement.GetProperty("candles").EnumerateArray().ToList();
        candles.Should().HaveCount((int)((last - first) / minute) + 1, $"{key}: one candle per minute from the first trade's to the last's");
        decimal? previousClose = null;
        var i = 0;
        for (var start = first; start <= last; start += minute, i++)
        {
            var c = candles[i];
            var inside = trades.Where(t => Floor(Time(t), minute) == start).ToList();
            c.GetProperty("closed").GetBoolean().Should().Be(start < last, $"{key} candle {i} closed");
            c.GetProperty("tradeCount").GetInt64().Should().Be(inside.Count, $"{key} candle {i} count");
            if (inside.Count == 0)
            {
                c.GetProperty("empty").GetBoolean().Should().BeTrue();
                Dec(c.GetProperty("close").GetString()).Should().Be(previousClose!.Value, $"{key} empty candle {i} carries the previous close");
                continue;
            }

            var byTime = inside.OrderBy(Time).ToList();
            Dec(c.GetProperty("open").GetString()).Should().Be(byTime[0].Price.ToDecimal(), $"{key} candle {i} open");
            Dec(c.GetProperty("high").GetString()).Should().Be(inside.Max(t => t.Price.ToDecimal()), $"{key} candle {i} high");
            Dec(c.GetProperty("low").GetString()).Should().Be(inside.Min(t => t.Price.ToDecimal()), $"{key} candle {i} low");
            previousClose = byTime.Last(t => Time(t) == Time(byTime[^1])).Price.ToDecimal();
            Dec(c.GetProperty("close").GetString()).Should().Be(previousClose.Value, $"{key} candle {i} close");
            Dec(c.GetProperty("volume").GetString()).Should().Be(inside.Sum(t => t.Size.ToDecimal()), $"{key} candle {i} volume");
        }
    }

    private static async Task<JsonDocument> WebSocketSnapshotAsync(SimulatedSilo silo, string channel, string instrument, CancellationToken ct)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{silo.Api.Authority}/ws"), ct);
        var subscribe = $$"""{"op":"subscribe","channel":"{{channel}}","instrument":"{{instrument}}","id":1}""";
        await socket.SendAsync(Encoding.UTF8.GetBytes(subscribe), WebSocketMessageType.Text, true, ct);
        while (true)
        {
            var doc = JsonDocument.Parse(await WebSocketBookTests.ReceiveAsync(socket, ct));
            var type = doc.RootElement.GetProperty("type").GetString();
            if (type == "snapshot")
            {
                return doc;
            }

            type.Should().Be("ack", $"{channel} {instrument}: {doc.RootElement.GetRawText()}");
            doc.Dispose();
        }
    }

    private static List<(string Symbol, Trade Trade)> CaptureTrades(IReadOnlyList<string> files)
    {
        var trades = new List<(string, Trade)>();
        var engine = new ReplayEngine(new VenueRegistry(BinanceProtocol.All())) { TradeObserver = (book, trade) => trades.Add((book.Instrument.Symbol, trade)) };
        engine.Run("e2e", files);
        return trades;
    }

    // Receive times differ (the silo receives the replay now); everything the venue sent must match.
    private static (long, decimal, decimal, AggressorSide, long) Identity(Trade t) => (t.TradeId, t.Price.ToDecimal(), t.Size.ToDecimal(), t.Aggressor, t.ExchangeTime.UnixMicroseconds);

    private static long Time(Trade t) => (t.ExchangeTime.IsNone ? t.ReceiveTime : t.ExchangeTime).UnixMicroseconds;

    private static long Floor(long time, long width) => time - (((time % width) + width) % width);

    private static decimal Dec(string? text) => decimal.Parse(text!, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static async Task<JsonDocument> GetAsync(HttpClient http, string path, CancellationToken ct)
    {
        var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        response.IsSuccessStatusCode.Should().BeTrue($"{path}: {body}");
        return JsonDocument.Parse(body);
    }
}
