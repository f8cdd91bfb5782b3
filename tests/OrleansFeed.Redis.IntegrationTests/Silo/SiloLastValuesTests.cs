using OrleansFeed.Core.Books;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.Instruments;
using OrleansFeed.Redis.IntegrationTests.TestSupport;
using OrleansFeed.Redis.LastValues;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Silo.Redis;
using OrleansFeed.TestKit.Redis;

namespace OrleansFeed.Redis.IntegrationTests.Silo;

/// <summary>
/// Verifies a silo replaying a real Binance capture writes ticker and bbo last values to a real redis-server, with a
/// TTL, whose decimal strings equal the silo's own REST and grain state; and that an instrument-keyed stream row of
/// the last-value table (as nbbo/stats will be) writes its latest event.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class SiloLastValuesTests
{
    private readonly RedisServerFixture _server;

    public SiloLastValuesTests(RedisServerFixture server) => _server = server;

    [RedisFact(Timeout = 90_000)]
    public async Task ReplayedCapture_TickerAndBboKeys_EqualSiloStateAndHaveTtl()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(80));
        await using var silo = await SiloWithRedis.StartAsync(_server, nameof(ReplayedCapture_TickerAndBboKeys_EqualSiloStateAndHaveTtl), cts.Token);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        var withTrade = 0;
        var withVenueBbo = 0;
        foreach (var symbol in silo.Simulator.SnapshotSymbols)
        {
            // Playback is over, so the silo's state is final; the key converges to it within a few passes.
            JsonNode rest = null!;
            await Eventually.UntilAsync($"{symbol}: Redis ticker equals REST ticker", async () =>
            {
                rest = await silo.RestTickerAsync(symbol, cts.Token);
                return JsonNode.DeepEquals(await silo.LastValueAsync(LastValueKinds.Ticker, $"{silo.Venue}:{symbol}", cts.Token), rest);
            }, cts.Token);

            var grain = await silo.Book(symbol).GetTickerAsync();
            grain.SyncState.Should().Be(BookSyncState.Synced);
            var bbo = await silo.LastValueAsync(LastValueKinds.Bbo, $"{silo.Venue}:{symbol}", cts.Token);
            bbo.Should().NotBeNull();
            bbo!["venue"]!.GetValue<string>().Should().Be(silo.Venue);
            bbo["symbol"]!.GetValue<string>().Should().Be(symbol);
            bbo["stale"]!.GetValue<bool>().Should().BeFalse();
            bbo["bid"]!["price"]!.GetValue<string>().Should().Be(grain.BestBid!.Value.Price.ToString(), $"{symbol} best bid price is the book's, as a decimal string");
            bbo["bid"]!["size"]!.GetValue<string>().Should().Be(grain.BestBid!.Value.Size.ToString());
            bbo["ask"]!["price"]!.GetValue<string>().Should().Be(grain.BestAsk!.Value.Price.ToString());
            bbo["ask"]!["size"]!.GetValue<string>().Should().Be(grain.BestAsk!.Value.Size.ToString());
            JsonNode.DeepEquals(bbo["venueBbo"], rest["venueBbo"]).Should().BeTrue($"{symbol} venue BBO in bbo equals the REST ticker's");
            bbo["asOf"]!.GetValue<string>().Should().EndWith("Z");

            if (grain.LastTrade is { } trade)
            {
                withTrade++;
                rest["lastTrade"]!["price"]!.GetValue<string>().Should().Be(trade.Price.ToString());
                rest["lastTrade"]!["id"]!.GetValue<long>().Should().Be(trade.TradeId);
            }

            if (grain.VenueBbo is { } venueBbo)
            {
                withVenueBbo++;
                bbo["venueBbo"]!["updateId"]!.GetValue<long>().Should().Be(venueBbo.UpdateId);
                bbo["venueBbo"]!["bidPrice"]!.GetValue<string>().Should().Be(venueBbo.BidPrice.ToString());
            }

            foreach (var kind in new[] { LastValueKinds.Ticker, LastValueKinds.Bbo })
            {
                var ttl = await silo.Redis.Connection.KeyTimeToLiveAsync(silo.Key(kind, $"{silo.Venue}:{symbol}"), cts.Token);
                ttl.Should().NotBeNull($"{kind} key of {symbol} has a TTL");
                ttl!.Value.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(SiloWithRedis.LastValueTtl);
            }
        }

        withTrade.Should().BeGreaterThan(0, "the capture has trades, so some ticker carries a last trade");
        withVenueBbo.Should().BeGreaterThan(0, "the capture has bookTicker messages");
        (await silo.Redis.GetStringAsync(silo.Key(LastValueKinds.Ticker, $"{silo.Venue}:NOTCONFIGURED"), cts.Token)).Should().BeNull();
    }

    [RedisFact(Timeout = 90_000)]
    public async Task RejectedFrameWithoutSymbol_TickerKeysShowTheBooksUnverified()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(80));
        await using var silo = await SiloWithRedis.StartAsync(_server, nameof(RejectedFrameWithoutSymbol_TickerKeysShowTheBooksUnverified), cts.Token);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        // A frame whose symbol cannot be read may have held an update of any book on the connection (docs/errors.md#book-states).
        silo.Simulator.SendMalformedFrame().Should().BeGreaterThan(0);

        foreach (var symbol in silo.Simulator.SnapshotSymbols)
        {
            await Eventually.UntilAsync($"{symbol}: Redis ticker says unverified", async () =>
            {
                var ticker = await silo.LastValueAsync(LastValueKinds.Ticker, $"{silo.Venue}:{symbol}", cts.Token);
                return ticker?["syncState"]?.GetValue<string>() == "unverified" && ticker["stale"]!.GetValue<bool>();
            }, cts.Token);
        }
    }

    [RedisFact(Timeout = 60_000)]
    public async Task InstrumentStreamRow_LatestEvent_WrittenUnderCanonicalInstrument()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        const string Namespace = "test-nbbo";
        await using var silo = await SiloWithRedis.StartAsync(_server, nameof(InstrumentStreamRow_LatestEvent_WrittenUnderCanonicalInstrument), cts.Token,
            services => services.AddInstrumentLastValues<TestQuote>(Namespace, LastValueKinds.Nbbo, TestQuote.Write));
        var catalog = silo.Silo.Services.GetRequiredService<IInstrumentCatalog>();
        catalog.TryGet(new BookKey(silo.Venue, "NKNUSDT"), out var instrument).Should().BeTrue();
        var stream = silo.Silo.Services.GetRequiredService<IStreamProvider>().GetStream<TestQuote>(new FanOutStreamId(Namespace, instrument.Canonical));

        for (var i = 1; i <= 100; i++)
        {
            await stream.OnNextAsync(new TestQuote(i, $"0.{i:D4}"), cts.Token);
        }

        await Eventually.UntilAsync("latest event written", async () =>
            await silo.Redis.GetStringAsync(silo.Key(LastValueKinds.Nbbo, instrument.Canonical), cts.Token) == """{"seq":100,"bid":"0.0100"}""", cts.Token);
        (await silo.Redis.Connection.KeyTimeToLiveAsync(silo.Key(LastValueKinds.Nbbo, instrument.Canonical), cts.Token)).Should().BeGreaterThan(TimeSpan.Zero);
    }

    /// <summary>Stands in for the aggregator's NBBO event.</summary>
    private readonly record struct TestQuote(int Seq, string Bid)
    {
        public static void Write(Utf8JsonWriter writer, TestQuote quote)
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", quote.Seq);
            writer.WriteString("bid", quote.Bid);
            writer.WriteEndObject();
        }
    }
}
