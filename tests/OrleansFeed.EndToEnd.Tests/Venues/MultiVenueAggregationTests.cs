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
        var venueSettings = new Dictionary<string, IReadOnlyDictionary<string, string>>
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
        await using var silo = await SimulatedSilo.StartAsync([SimulatedSession.Recorded([.. binance, bitfinex], venueSettings: venueSettings)], cts.Token, PlaybackStart.Paused, settings: settings);
        await silo.PlayWhenSubscribedAsync(2, new Dictionary<string, string[]> { ["bitfinex"] = ["trades", "ticker"] }, cts.Token);
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
        await Poll.UntilAsync(
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
        await AssertDepthAsync(http, $"/api/v1/depth/{Key}?levels=10", books, 10, cts.Token);

        // Stats and candles: the trades the silo received (a suffix of the capture's; Bitfinex has none on LRC-BTC).
        var captured = BinanceAggTrades(binance, "lrcbtc");
        captured.Should().NotBeEmpty("the Binance capture holds LRCBTC trades");
        List<Trade> received = [];
        await Poll.UntilAsync(
            async () =>
            {
                received = [.. (await silo.Grains.GetGrain<IOrderBookGrain>("binance:LRCBTC").GetRecentTradesAsync(1000)).Reverse()];
                var bitfinexTrades = await silo.Grains.GetGrain<IOrderBookGrain>("bitfinex:tLRCBTC").GetRecentTradesAsync(1000);
                return received.Count > 0 && !bitfinexTrades.Any() && (await aggregator.GetStatsAsync()).Consolidated.TradeCount == received.Count;
            },
            $"{Key}: the aggregator counted the trades the books received",
            cts.Token);
        received.Select(Identity).Should().Equal(captured.Select(Identity), "every captured trade, in order (subscribed before playback)");
        using (var stats = await GetAsync(http, $"/api/v1/stats/{Key}", cts.Token))
        {
            AssertWindow(stats.RootElement.GetProperty("consolidated"), received, Key);
            var venues = stats.RootElement.GetProperty("venues").EnumerateArray().ToDictionary(v => v.GetProperty("venue").GetString()!);
            AssertWindow(venues["binance"].GetProperty("stats"), received, "binance");
            AssertWindow(venues["bitfinex"].GetProperty("stats"), [], "bitfinex");

            // Bitfinex's own 24 h ticker (its ticker channel) next to ours; Binance's recording has none.
            var (last, volume) = LastBitfinexTicker(bitfinex, "tLRCBTC");
            var ticker = venues["bitfinex"].GetProperty("ticker");
            Dec(ticker.GetProperty("last").GetString()).Should().Be(last);
            Dec(ticker.GetProperty("volume").GetString()).Should().Be(volume);
            Dec(ticker.GetProperty("difference").GetProperty("volume").GetString()).Should().Be(-volume, "no LRC-BTC trade on Bitfinex in our window");
            ticker.GetProperty("windowComplete").GetBoolean().Should().BeFalse("our window holds minutes of trades");
            venues["binance"].GetProperty("ticker").ValueKind.Should().Be(JsonValueKind.Null);
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

    [Fact]
    public async Task BtcUsdMerged_BinanceUsdtAndKrakenUsdTogether_NbboDepthStatsEqualIndependentComputation()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var binance = VenueBooksTests.Session("binance_spot", "2021-04-04");
        var krakenBook = VenueBooksTests.Recording("kraken", "2021-04-05_book-1000");
        var krakenTrade = VenueBooksTests.Recording("kraken", "2021-04-05_trade");
        var krakenTicker = VenueBooksTests.Recording("kraken", "2021-04-05_ticker");
        var venueSettings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["binance"] = new Dictionary<string, string> { ["DepthLimit"] = "5000", ["SplitRoutes"] = "false" },
            ["kraken"] = new Dictionary<string, string> { ["DepthLimit"] = "1000" },
        };
        var settings = new Dictionary<string, string?>
        {
            // BTCUSDT and XBT/USD are one NBBO group, BTC-USD*.
            ["Aggregation:QuoteCurrencyPolicy"] = "TreatUsdStablecoinsAsOne",
            ["Aggregation:Clock"] = "Trades",
            ["Aggregation:MaxQuoteAge"] = "01:00:00",
        };
        await using var silo = await SimulatedSilo.StartAsync([SimulatedSession.Recorded([.. binance, krakenBook, krakenTrade, krakenTicker], venueSettings: venueSettings)], cts.Token, PlaybackStart.Paused, settings: settings);
        await silo.PlayWhenSubscribedAsync(2, new Dictionary<string, string[]> { ["kraken"] = ["trade", "ticker"] }, cts.Token);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        var binanceRef = ReferenceBinanceBooks.Build(binance, futures: false)["BTCUSDT"];
        var krakenRef = ReferenceKrakenBooks.Build(krakenBook).Books["XBT/USD"];
        var books = new Dictionary<string, RefBook>
        {
            ["binance"] = RefBook.From(VenueBooksTests.Decimals(binanceRef.Bids), VenueBooksTests.Decimals(binanceRef.Asks)),
            ["kraken"] = RefBook.From(VenueBooksTests.Decimals(krakenRef.Bids), VenueBooksTests.Decimals(krakenRef.Asks)),
        };
        using var http = new HttpClient { BaseAddress = silo.Api };
        const string Key = "BTC-USD*";
        var path = Uri.EscapeDataString(Key);
        var aggregator = silo.Grains.GetGrain<IAggregatorGrain>(Key);

        var (bid, bidVenues) = Best(books, b => b.Bids, bids: true);
        var (ask, askVenues) = Best(books, b => b.Asks, bids: false);
        await Poll.UntilAsync(
            async () => (await aggregator.GetNbboAsync()).Nbbo is { } n && n.BidPrice == bid && n.AskPrice == ask
                && n.BidSize == bidVenues.Sum(v => v.Size) && n.AskSize == askVenues.Sum(v => v.Size),
            $"{Key} NBBO equals the best of the rebuilt books (bid {bid} at {string.Join(",", bidVenues)}, ask {ask} at {string.Join(",", askVenues)})",
            cts.Token);
        using (var nbbo = await GetAsync(http, $"/api/v1/nbbo/{path}", cts.Token))
        {
            var root = nbbo.RootElement;
            root.GetProperty("instrument").GetString().Should().Be(Key);
            VenueSizes(root.GetProperty("bid").GetProperty("venues")).Should().Equal(bidVenues, "venues at the best bid");
            VenueSizes(root.GetProperty("ask").GetProperty("venues")).Should().Equal(askVenues, "venues at the best ask");
            root.GetProperty("eligibleVenues").GetInt32().Should().Be(2);
            root.GetProperty("venues").EnumerateArray().Select(v => v.GetProperty("instrument").GetString()).Should().BeEquivalentTo(["BTC-USDT", "BTC-USD"]);
            root.GetProperty("crossed").GetBoolean().Should().Be(bid > ask, "a crossed NBBO across days is flagged, not hidden");
        }

        await AssertDepthAsync(http, $"/api/v1/depth/{path}?levels=20", books, 20, cts.Token);

        // Stats: the window ends at the latest trade time (trade clock). The recordings are 27.7 h apart, so only the
        // Kraken trades (2021-04-05) are inside it; the Binance trades (2021-04-04) are older than 24 h and out.
        var krakenTrades = ReferenceKrakenBooks.Build(krakenTrade).Trades["XBT/USD"]
            .Select(t => (Price: Dec(t.Price), Size: Dec(t.Size), Time: (long)(Dec(t.Time) * 1_000_000m))).ToList();
        krakenTrades.Should().NotBeEmpty();
        List<Trade> received = [];
        var binanceReceived = 0;
        long inWindow = -1;
        try
        {
            await Poll.UntilAsync(
                async () =>
                {
                    received = [.. (await silo.Grains.GetGrain<IOrderBookGrain>("kraken:XBT/USD").GetRecentTradesAsync(1000)).Reverse()];
                    binanceReceived = (await silo.Grains.GetGrain<IOrderBookGrain>("binance:BTCUSDT").GetRecentTradesAsync(1000)).Count();
                    inWindow = (await aggregator.GetStatsAsync()).Consolidated.TradeCount;
                    return received.Count > 0 && inWindow == received.Count;
                },
                $"{Key}: the aggregator's window holds the Kraken trades received",
                cts.Token);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} (Kraken received {received.Count}, Binance received {binanceReceived}, window {inWindow})", ex);
        }
        binanceReceived.Should().BePositive("Binance trades reached the silo, and the window left them out as older than 24 h");
        received.Select(t => (t.Price.ToDecimal(), t.Size.ToDecimal(), t.ExchangeTime.UnixMicroseconds))
            .Should().Equal(krakenTrades, "every captured Kraken trade, in order (subscribed before playback)");
        using (var stats = await GetAsync(http, $"/api/v1/stats/{path}", cts.Token))
        {
            AssertWindow(stats.RootElement.GetProperty("consolidated"), received, Key);
            var venues = stats.RootElement.GetProperty("venues").EnumerateArray().ToDictionary(v => v.GetProperty("venue").GetString()!);
            AssertWindow(venues["kraken"].GetProperty("stats"), received, "kraken");
            AssertWindow(venues["binance"].GetProperty("stats"), [], "binance (older than the window)");

            // Kraken's own 24 h ticker (its ticker channel) sits next to ours; our window is seconds long, so incomplete.
            var (last, volume) = LastKrakenTicker(krakenTicker, "XBT/USD");
            var ticker = venues["kraken"].GetProperty("ticker");
            ticker.GetProperty("last").GetString().Should().Be(last, "the venue's last 24 h ticker, as stated");
            ticker.GetProperty("volume").GetString().Should().Be(volume);
            Dec(ticker.GetProperty("difference").GetProperty("volume").GetString()).Should().Be(received.Sum(t => t.Size.ToDecimal()) - Dec(volume));
            ticker.GetProperty("windowComplete").GetBoolean().Should().BeFalse();
            venues["binance"].GetProperty("ticker").ValueKind.Should().Be(JsonValueKind.Null, "the Binance recording has no 24 h ticker stream");
        }
    }

    /// <summary>The last Bitfinex ticker of a symbol in the recording: LAST_PRICE and VOLUME (elements 6 and 7).</summary>
    private static (decimal Last, decimal Volume) LastBitfinexTicker(string file, string symbol)
    {
        long? channel = null;
        (decimal, decimal)? last = null;
        foreach (var frame in ReferenceCaptureLines.ReceivedFrames(file))
        {
            using var doc = JsonDocument.Parse(frame);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event", out var e) && e.GetString() == "subscribed"
                && root.GetProperty("channel").GetString() == "ticker" && root.GetProperty("symbol").GetString() == symbol)
            {
                channel = root.GetProperty("chanId").GetInt64();
            }
            else if (channel is { } id && root.ValueKind == JsonValueKind.Array && root[0].GetInt64() == id && root[1].ValueKind == JsonValueKind.Array)
            {
                last = (Dec(root[1][6].GetRawText()), Dec(root[1][7].GetRawText()));
            }
        }

        last.Should().NotBeNull($"the recording has {symbol} tickers");
        return last!.Value;
    }

    /// <summary>The last Kraken v1 ticker of a pair in the recording: <c>c[0]</c> and <c>v[1]</c> text.</summary>
    private static (string Last, string Volume) LastKrakenTicker(string file, string pair)
    {
        (string, string) last = default;
        foreach (var frame in ReferenceCaptureLines.ReceivedFrames(file))
        {
            if (!frame.EndsWith($",\"ticker\",\"{pair}\"]", StringComparison.Ordinal))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(frame);
            var data = doc.RootElement[1];
            last = (data.GetProperty("c")[0].GetString()!, data.GetProperty("v")[1].GetString()!);
        }

        last.Item1.Should().NotBeNull($"the recording has {pair} tickers");
        return last;
    }

    /// <summary>The consolidated depth converges to the merged reference books (the aggregator's mirrors apply the
    /// books' last deltas a moment after the NBBO's top matched), then is asserted level by level.</summary>
    private static async Task AssertDepthAsync(HttpClient http, string path, Dictionary<string, RefBook> books, int levels, CancellationToken ct)
    {
        var bids = Merge(books, b => b.Bids, bids: true).Take(levels).ToList();
        var asks = Merge(books, b => b.Asks, bids: false).Take(levels).ToList();
        static string Text(IEnumerable<(decimal Price, decimal Size, List<(string Venue, decimal Size)> Venues)> side) =>
            string.Join(";", side.Select(l => $"{l.Price}:{l.Size}:{string.Join(",", l.Venues)}"));
        JsonDocument? depth = null;
        try
        {
            await Poll.UntilAsync(
                async () =>
                {
                    depth?.Dispose();
                    depth = await GetAsync(http, path, ct);
                    return Text(Levels(depth.RootElement.GetProperty("bids"))) == Text(bids) && Text(Levels(depth.RootElement.GetProperty("asks"))) == Text(asks);
                },
                $"{path} equals the merged reference books",
                ct);
        }
        catch (TimeoutException)
        {
            // Not converged: the assertions below report the first differing level.
        }

        using (depth)
        {
            Levels(depth!.RootElement.GetProperty("bids")).Should().BeEquivalentTo(bids, o => o.WithStrictOrdering(), $"{path} consolidated bids");
            Levels(depth.RootElement.GetProperty("asks")).Should().BeEquivalentTo(asks, o => o.WithStrictOrdering(), $"{path} consolidated asks");
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
}
