using System.Globalization;
using System.Text.Json;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>
/// Several venues' recordings played together by one simulator into one silo: for instruments that two venues
/// trade, the NBBO (best bid/ask across venues, venues at the best, sizes), consolidated depth, 24 h stats and 1m
/// candles served over REST equal values computed in the test from the independently rebuilt reference books and
/// from the capture's trades.
/// </summary>
/// <remarks>
/// Instruments shared across the recordings (found with <c>replay /work/shared/data</c>): only <c>LRC-BTC</c>
/// (Binance spot 2021-10-12, Bitfinex 2021-04-05) under the default policy; under <c>TreatUsdStablecoinsAsOne</c>
/// also <c>BTC-USD*</c> (Binance <c>BTCUSDT</c> 2021-04-04 + Kraken <c>XBT/USD</c> 2021-04-05), and perpetuals that
/// mix inverse and linear contracts (not comparable sizes). See docs/aggregation.md.
/// </remarks>
public class MultiVenueAggregationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task LrcBtc_BinanceAndBitfinexTogether_NbboDepthStatsCandlesEqualIndependentComputation()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var binance = VenueBooksTests.Session("binance_spot", "2021-10-12");
        var bitfinex = VenueBooksTests.Recording("bitfinex", "2021-04-05");
        var venueSettings = new Dictionary<string, IDictionary<string, string>>
        {
            ["binance"] = new Dictionary<string, string> { ["DepthLimit"] = "5000", ["SplitRoutes"] = "false" },
            ["bitfinex"] = new Dictionary<string, string> { ["DepthLimit"] = "25" },
        };
        var settings = new Dictionary<string, string?>
        {
            // Captures are from 2021: the window and candles follow the trades' clock; quotes never age out during the test.
            ["Aggregation:Clock"] = "Trades",
            ["Aggregation:MaxQuoteAge"] = "01:00:00",
        };
        await using var silo = await SharedSimulatorSilo.StartAsync([.. binance, bitfinex], venueSettings, settings, cts.Token);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        var binanceBook = ReferenceBinanceBooks.Build(binance, futures: false)["LRCBTC"];
        var bitfinexBook = ReferenceBitfinexBooks.Build([bitfinex]).Books["tLRCBTC"];
        var books = new Dictionary<string, RefBook>
        {
            ["binance"] = RefBook.From(VenueBooksTests.Decimals(binanceBook.Bids), VenueBooksTests.Decimals(binanceBook.Asks)),
            ["bitfinex"] = RefBook.From(bitfinexBook.Bids, bitfinexBook.Asks),
        };
        using var http = new HttpClient { BaseAddress = silo.Api };
        const string Key = "LRC-BTC";
        var aggregator = silo.Grains.GetGrain<IAggregatorGrain>(Key);

        // NBBO: best bid (ask) across the venues, every venue at that price with its size, the total size.
        var (bid, bidVenues) = Best(books, b => b.Bids, bids: true);
        var (ask, askVenues) = Best(books, b => b.Asks, bids: false);
        await UntilAsync(
            async () => (await aggregator.GetNbboAsync()).Nbbo is { } n && n.BidPrice == bid && n.AskPrice == ask
                && n.BidSize == bidVenues.Sum(v => v.Size) && n.AskSize == askVenues.Sum(v => v.Size),
            $"{Key} NBBO equals the best of the rebuilt books (bid {bid} at {string.Join(",", bidVenues)}, ask {ask} at {string.Join(",", askVenues)})",
            cts.Token);
        using (var nbbo = await GetAsync(http, $"/api/v1/nbbo/{Key}", cts.Token))
        {
            var root = nbbo.RootElement;
            Dec(root.GetProperty("bid").GetProperty("price").GetString()).Should().Be(bid);
            Dec(root.GetProperty("ask").GetProperty("price").GetString()).Should().Be(ask);
            VenueSizes(root.GetProperty("bid").GetProperty("venues")).Should().Equal(bidVenues, "venues at the best bid");
            VenueSizes(root.GetProperty("ask").GetProperty("venues")).Should().Equal(askVenues, "venues at the best ask");
            root.GetProperty("eligibleVenues").GetInt32().Should().Be(2, "both venues quote LRC-BTC");
            root.GetProperty("venues").EnumerateArray().Select(v => v.GetProperty("eligibility").GetString()).Should().AllBe("eligible");
            root.GetProperty("crossed").GetBoolean().Should().Be(bid > ask);
            root.GetProperty("locked").GetBoolean().Should().Be(bid == ask);
        }

        // Consolidated depth: the venues' levels merged by price, best first, each with its venues' sizes.
        using (var depth = await GetAsync(http, $"/api/v1/depth/{Key}?levels=10", cts.Token))
        {
            Levels(depth.RootElement.GetProperty("bids")).Should().BeEquivalentTo(Merge(books, b => b.Bids, bids: true).Take(10), o => o.WithStrictOrdering(), "consolidated bids");
            Levels(depth.RootElement.GetProperty("asks")).Should().BeEquivalentTo(Merge(books, b => b.Asks, bids: false).Take(10), o => o.WithStrictOrdering(), "consolidated asks");
        }

        // Stats and candles: the trades the silo received (a suffix of the capture's; Bitfinex has none on LRC-BTC).
        var captured = BinanceAggTrades(binance, "lrcbtc");
        captured.Should().NotBeEmpty("the Binance capture holds LRCBTC trades");
        List<Trade> received = [];
        await UntilAsync(
            async () =>
            {
                received = [.. (await silo.Grains.GetGrain<IOrderBookGrain>("binance:LRCBTC").GetRecentTradesAsync(1000)).Reverse()];
                var bitfinexTrades = await silo.Grains.GetGrain<IOrderBookGrain>("bitfinex:tLRCBTC").GetRecentTradesAsync(1000);
                return received.Count > 0 && !bitfinexTrades.Any() && (await aggregator.GetStatsAsync()).Consolidated.TradeCount == received.Count;
            },
            $"{Key}: the aggregator counted the trades the books received",
            cts.Token);
        received.Select(Identity).Should().Equal(captured.Skip(captured.Count - received.Count).Select(Identity), "received trades are the capture's, in order");
        using (var stats = await GetAsync(http, $"/api/v1/stats/{Key}", cts.Token))
        {
            AssertWindow(stats.RootElement.GetProperty("consolidated"), received, Key);
            var venues = stats.RootElement.GetProperty("venues").EnumerateArray().ToDictionary(v => v.GetProperty("venue").GetString()!);
            AssertWindow(venues["binance"].GetProperty("stats"), received, "binance");
            AssertWindow(venues["bitfinex"].GetProperty("stats"), [], "bitfinex");
        }

        using (var candles = await GetAsync(http, $"/api/v1/candles/{Key}?interval=1m", cts.Token))
        {
            var list = candles.RootElement.GetProperty("candles").EnumerateArray().ToList();
            var expected = received.GroupBy(t => Floor(Time(t), 60_000_000)).OrderBy(g => g.Key).ToList();
            list.Where(c => !c.GetProperty("empty").GetBoolean()).Should().HaveCount(expected.Count, "one non-empty 1m candle per traded minute");
            foreach (var minute in expected)
            {
                var c = list.Single(c => c.GetProperty("start").GetString() == new Timestamp(minute.Key).ToString());
                var byTime = minute.OrderBy(Time).ToList();
                Dec(c.GetProperty("open").GetString()).Should().Be(byTime[0].Price.ToDecimal());
                Dec(c.GetProperty("high").GetString()).Should().Be(minute.Max(t => t.Price.ToDecimal()));
                Dec(c.GetProperty("low").GetString()).Should().Be(minute.Min(t => t.Price.ToDecimal()));
                Dec(c.GetProperty("close").GetString()).Should().Be(byTime[^1].Price.ToDecimal());
                Dec(c.GetProperty("volume").GetString()).Should().Be(minute.Sum(t => t.Size.ToDecimal()));
                c.GetProperty("tradeCount").GetInt64().Should().Be(minute.Count());
            }
        }
    }

    internal static (decimal Price, List<(string Venue, decimal Size)> Venues) Best(
        Dictionary<string, RefBook> books, Func<RefBook, IReadOnlyList<(decimal Price, decimal Size)>> side, bool bids)
    {
        var tops = books.Where(b => side(b.Value).Count > 0).Select(b => (Venue: b.Key, Top: side(b.Value)[0])).ToList();
        var best = bids ? tops.Max(t => t.Top.Price) : tops.Min(t => t.Top.Price);
        return (best, [.. tops.Where(t => t.Top.Price == best).Select(t => (t.Venue, t.Top.Size)).OrderBy(t => t.Venue, StringComparer.Ordinal)]);
    }

    internal static List<(decimal Price, decimal Size, List<(string Venue, decimal Size)> Venues)> Merge(
        Dictionary<string, RefBook> books, Func<RefBook, IReadOnlyList<(decimal Price, decimal Size)>> side, bool bids)
    {
        var levels = books.SelectMany(b => side(b.Value).Select(l => (Venue: b.Key, l.Price, l.Size)))
            .GroupBy(l => l.Price)
            .Select(g => (g.Key, g.Sum(l => l.Size), g.Select(l => (l.Venue, l.Size)).OrderBy(v => v.Venue, StringComparer.Ordinal).ToList()));
        return [.. bids ? levels.OrderByDescending(l => l.Item1) : levels.OrderBy(l => l.Item1)];
    }

    internal static List<(decimal Price, decimal Size, List<(string Venue, decimal Size)> Venues)> Levels(JsonElement side) =>
        [.. side.EnumerateArray().Select(l => (Dec(l.GetProperty("price").GetString()), Dec(l.GetProperty("size").GetString()), VenueSizes(l.GetProperty("venues"))))];

    internal static List<(string Venue, decimal Size)> VenueSizes(JsonElement venues) =>
        [.. venues.EnumerateArray().Select(v => (v.GetProperty("venue").GetString()!, Dec(v.GetProperty("size").GetString()))).OrderBy(v => v.Item1, StringComparer.Ordinal)];

    /// <summary>Binance <c>aggTrade</c> events of one stream, parsed from the capture text (not by our parser).</summary>
    internal static List<Trade> BinanceAggTrades(IEnumerable<string> files, string stream)
    {
        var trades = new List<Trade>();
        foreach (var frame in files.SelectMany(ReferenceCaptureLines.ReceivedFrames))
        {
            if (!frame.Contains($"\"{stream}@aggTrade\"", StringComparison.Ordinal))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(frame);
            var d = doc.RootElement.GetProperty("data");
            var time = Timestamp.FromUnixMilliseconds(d.GetProperty("T").GetInt64());
            trades.Add(new Trade(
                d.GetProperty("a").GetInt64(),
                Core.Numerics.FixedDecimal.Parse(d.GetProperty("p").GetString()!),
                Core.Numerics.FixedDecimal.Parse(d.GetProperty("q").GetString()!),
                d.GetProperty("m").GetBoolean() ? AggressorSide.Sell : AggressorSide.Buy,
                time,
                time));
        }

        return trades;
    }

    internal static void AssertWindow(JsonElement window, IReadOnlyList<Trade> trades, string what)
    {
        window.GetProperty("tradeCount").GetInt64().Should().Be(trades.Count, what);
        if (trades.Count == 0)
        {
            window.GetProperty("open").ValueKind.Should().Be(JsonValueKind.Null, what);
            return;
        }

        var byTime = trades.OrderBy(Time).ToList();
        Dec(window.GetProperty("open").GetString()).Should().Be(byTime[0].Price.ToDecimal(), $"{what} open");
        Dec(window.GetProperty("last").GetString()).Should().Be(byTime.Last(t => Time(t) == Time(byTime[^1])).Price.ToDecimal(), $"{what} last");
        Dec(window.GetProperty("high").GetString()).Should().Be(trades.Max(t => t.Price.ToDecimal()), $"{what} high");
        Dec(window.GetProperty("low").GetString()).Should().Be(trades.Min(t => t.Price.ToDecimal()), $"{what} low");
        Dec(window.GetProperty("baseVolume").GetString()).Should().Be(trades.Sum(t => t.Size.ToDecimal()), $"{what} base volume");
        Dec(window.GetProperty("quoteVolume").GetString()).Should().Be(trades.Sum(t => t.Price.ToDecimal() * t.Size.ToDecimal()), $"{what} quote volume");
    }

    internal static (long, decimal, decimal, long) Identity(Trade t) => (t.TradeId, t.Price.ToDecimal(), t.Size.ToDecimal(), t.ExchangeTime.UnixMicroseconds);

    internal static long Time(Trade t) => (t.ExchangeTime.IsNone ? t.ReceiveTime : t.ExchangeTime).UnixMicroseconds;

    internal static long Floor(long time, long width) => time - (((time % width) + width) % width);

    internal static decimal Dec(string? text) => decimal.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture);

    internal static async Task<JsonDocument> GetAsync(HttpClient http, string path, CancellationToken ct)
    {
        var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        response.IsSuccessStatusCode.Should().BeTrue($"{path}: {body}");
        return JsonDocument.Parse(body);
    }

    internal static async Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        while (!await condition())
        {
            if (ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}
