using System.Net;
using System.Text;
using System.Text.Json;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Simulator.Tests.Venues;

/// <summary>Verifies venue protocol details: Bitfinex SEQ_ALL renumbering, KuCoin bullet-public/welcome/REST snapshots, app-level pings, recorded acks.</summary>
public sealed class VenueProtocolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Okx_SubscriptionOfBooksTradesAndTickers_EveryFrameIsAFrameTheVenueSends()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var files = new[] { OrleansFeed.TestKit.Captures.SharedData.PathOf("okx/2022-02-27_books-l2-tbt_trades_tickers_10-instruments.ws.txt.gz") };
        await using var sim = new ExchangeSimulator(CaptureFile.ReadMerged(files), VenueTestClient.Fast);
        sim.Pause();
        await sim.StartAsync(cts.Token);
        await using var client = await VenueTestClient.ConnectAsync(sim, "okx", cts.Token);
        await client.SendAsync("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books-l2-tbt\",\"instId\":\"ZEN-USDT\"},{\"channel\":\"trades\",\"instId\":\"ZEN-USDT\"},{\"channel\":\"tickers\",\"instId\":\"ZEN-USDT\"}]}", cts.Token);
        while (sim.SubscriptionsOf("okx").Count < 3)
        {
            await Task.Delay(5, cts.Token);
        }

        sim.Resume();
        var frames = await VenueTestClient.DrainAsync(sim, "okx", cts.Token, client);

        frames.Should().NotBeEmpty();
        frames.Should().OnlyContain(f => f.StartsWith('{'), "OKX sends JSON objects (and the text pong); an empty frame is rejected as malformed by every client");
    }

    [Fact]
    public async Task Bitfinex_SequenceAllClientOnOneSymbol_SeesAContinuousPerConnectionSequence()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of("bitfinex");
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast);
        await sim.StartAsync(cts.Token);
        await using var client = await VenueTestClient.ConnectAsync(sim, "bitfinex", cts.Token);
        await client.SendAsync("{\"event\":\"conf\",\"flags\":65536}", cts.Token);
        await client.SendAsync(c.Subscribe, cts.Token);

        var frames = await VenueTestClient.DrainAsync(sim, "bitfinex", cts.Token, client);

        frames[0].Should().Contain("\"event\":\"info\"");
        frames[1].Should().Be("{\"event\":\"conf\",\"status\":\"OK\",\"flags\":65536}");
        frames[2].Should().Contain("\"chanId\":146467").And.Contain("\"event\":\"subscribed\"");
        var numbered = frames.Where(f => f.StartsWith('[')).ToList();
        var sequences = numbered.Select(f =>
        {
            using var doc = JsonDocument.Parse(f);
            return doc.RootElement[doc.RootElement.GetArrayLength() - 1].GetInt64();
        }).ToList();
        sequences.Should().Equal(Enumerable.Range(1, numbered.Count).Select(i => (long)i));
        numbered.Select(c.Normalise).Where(c.IsBook).Should().Equal(c.RecordedBook());
    }

    [Fact]
    public async Task Bitfinex_SequenceAllClientOnTwoQuietChannels_HeartbeatsAreNumberedInTheSameSequence()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of("bitfinex");
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast);
        await sim.StartAsync(cts.Token);
        await using var client = await VenueTestClient.ConnectAsync(sim, "bitfinex", cts.Token);

        // Held until both channels are subscribed, so no frame of the second is played before it exists.
        sim.Pause();
        await client.SendAsync("{\"event\":\"conf\",\"flags\":65536}", cts.Token);
        await client.SendAsync("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tETH2X:ETH\",\"prec\":\"P0\",\"len\":\"100\"}", cts.Token);
        await client.SendAsync("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tREQUSD\"}", cts.Token);
        while (sim.SubscriptionsOf("bitfinex").Count < 2)
        {
            await Task.Delay(5, cts.Token);
        }

        sim.Resume();

        var numbered = (await VenueTestClient.DrainAsync(sim, "bitfinex", cts.Token, client)).Where(f => f.StartsWith('[')).ToList();

        var parsed = numbered.Select(f =>
        {
            using var doc = JsonDocument.Parse(f);
            var root = doc.RootElement;
            return (Channel: root[0].GetInt64(), Heartbeat: root[1].ValueKind == JsonValueKind.String && root[1].GetString() == "hb", Sequence: root[root.GetArrayLength() - 1].GetInt64());
        }).ToList();
        parsed.Select(p => p.Sequence).Should().Equal(Enumerable.Range(1, parsed.Count).Select(i => (long)i));
        parsed.Select(p => p.Channel).Distinct().Should().BeEquivalentTo(new long[] { 146462, 117757 });
        parsed.Count(p => p.Heartbeat && p.Channel == 146462).Should().Be(4);
        parsed.Count(p => p.Heartbeat && p.Channel == 117757).Should().Be(7);
    }

    [Fact]
    public async Task KuCoin_BulletPublicThenWelcomeAckPongAndRestSnapshot_AreServed()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of("kucoin");
        var records = c.Load();
        await using var sim = new ExchangeSimulator(records, VenueTestClient.Fast);
        await sim.StartAsync(cts.Token);
        using var http = new HttpClient();

        using var bullet = await http.PostAsync(sim.VenueRestUri("kucoin") + "/api/v1/bullet-public", null, cts.Token);
        using var token = JsonDocument.Parse(await bullet.Content.ReadAsStringAsync(cts.Token));
        var data = token.RootElement.GetProperty("data");
        var server = data.GetProperty("instanceServers")[0];
        server.GetProperty("endpoint").GetString().Should().Be(sim.VenueWebSocketUri("kucoin").ToString());
        server.GetProperty("pingInterval").GetInt32().Should().Be(18000);
        data.GetProperty("token").GetString().Should().NotBeNullOrEmpty();

        await using var client = await VenueTestClient.ConnectAsync(sim, "kucoin", cts.Token, "?token=x&connectId=c42");
        (await client.ReceiveAsync(cts.Token)).Should().Be("{\"id\":\"c42\",\"type\":\"welcome\"}");
        await client.SendAsync("{\"id\":\"p1\",\"type\":\"ping\"}", cts.Token);
        (await client.ReceiveAsync(cts.Token)).Should().StartWith("{\"id\":\"p1\",\"type\":\"pong\"");
        await client.SendAsync(c.Subscribe, cts.Token);
        (await client.ReceiveAsync(cts.Token)).Should().Be("{\"id\":\"7\",\"type\":\"ack\"}");

        await sim.PlaybackCompleted.WaitAsync(cts.Token);
        using var full = JsonDocument.Parse(await http.GetStringAsync(sim.VenueRestUri("kucoin") + "/api/v3/market/orderbook/level2?symbol=BCHSV-USDT", cts.Token));
        using var top = JsonDocument.Parse(await http.GetStringAsync(sim.VenueRestUri("kucoin") + "/api/v1/market/orderbook/level2_100?symbol=BCHSV-USDT", cts.Token));

        // Past the recorded snapshot the answer is the true book at the playback point: the last played sequenceEnd.
        var lastSequenceEnd = records.Where(r => r.Kind == CaptureRecordKind.Received)
            .Select(r => Encoding.UTF8.GetString(r.Payload.Span))
            .Where(t => t.Contains("\"topic\":\"/market/level2:BCHSV-USDT\"", StringComparison.Ordinal))
            .Select(t => JsonDocument.Parse(t).RootElement.GetProperty("data").GetProperty("sequenceEnd").GetInt64()).Max();
        full.RootElement.GetProperty("code").GetString().Should().Be("200000");
        full.RootElement.GetProperty("data").GetProperty("sequence").GetString().Should().Be(lastSequenceEnd.ToString(System.Globalization.CultureInfo.InvariantCulture));
        full.RootElement.GetProperty("data").GetProperty("bids").GetArrayLength().Should().BeGreaterThan(100);
        top.RootElement.GetProperty("data").GetProperty("bids").GetArrayLength().Should().Be(100);
        top.RootElement.GetProperty("data").GetProperty("asks")[0].GetRawText().Should().Be(full.RootElement.GetProperty("data").GetProperty("asks")[0].GetRawText());
        sim.KuCoinSnapshotsSynthesized.Should().Be(2);
        using var missing = await http.GetAsync(sim.VenueRestUri("kucoin") + "/api/v1/market/orderbook/level2_100?symbol=NOPE-BTC", cts.Token);
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task KuCoin_SnapshotRequestedBeforePlaybackReachesIt_WaitsForTheRecordedTime()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of("kucoin");
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast);
        await sim.StartAsync(cts.Token);
        using var http = new HttpClient();

        var request = http.GetStringAsync(sim.VenueRestUri("kucoin") + "/api/v1/market/orderbook/level2_100?symbol=BCHSV-USDT", cts.Token);
        while (sim.RestRequests == 0)
        {
            await Task.Delay(5, cts.Token);
        }

        sim.Position.Should().Be(0);
        request.IsCompleted.Should().BeFalse();
        await using var client = await VenueTestClient.ConnectAsync(sim, "kucoin", cts.Token);
        await client.SendAsync(c.Subscribe, cts.Token);

        (await request.WaitAsync(cts.Token)).Should().Contain("\"sequence\":\"1613277183892\"");
        sim.Position.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("okx", "ping", "pong")]
    [InlineData("bybit", "{\"req_id\":\"9\",\"op\":\"ping\"}", "{\"success\":true,\"ret_msg\":\"pong\"")]
    [InlineData("kraken", "{\"event\":\"ping\",\"reqid\":5}", "{\"event\":\"pong\",\"reqid\":5}")]
    [InlineData("bitfinex", "{\"event\":\"ping\",\"cid\":77}", "{\"event\":\"pong\",\"ts\":")]
    public async Task AppLevelPing_IsAnsweredWithTheVenuesPong(string venue, string ping, string pongPrefix)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var sim = new ExchangeSimulator(VenueCase.Of(venue).Load(), VenueTestClient.Fast);
        await sim.StartAsync(cts.Token);
        await using var client = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        await client.SendAsync(ping, cts.Token);

        var reply = await VenueTestClient.ReceiveUntilAsync(client, f => f.StartsWith(pongPrefix, StringComparison.Ordinal), 1, cts.Token);

        reply[^1].Should().StartWith(pongPrefix);
    }

    [Theory]
    [InlineData("kraken", "{\"event\":\"ping\",\"reqid\":1}", "{\"event\":\"pong\"")]
    [InlineData("coinbase", "{\"type\":\"subscribe\",\"product_ids\":[\"SKL-GBP\"],\"channels\":[\"level2\"]}", "{\"type\":\"subscriptions\"")]
    [InlineData("okx", "ping", "pong")]
    [InlineData("bybit", "{\"op\":\"ping\"}", "{\"success\":true,\"ret_msg\":\"pong\"")]
    [InlineData("bitfinex", "{\"event\":\"ping\",\"cid\":1}", "{\"event\":\"pong\"")]
    [InlineData("kucoin", "{\"id\":\"1\",\"type\":\"ping\"}", "{\"id\":\"1\",\"type\":\"pong\"")]
    public async Task MalformedRequests_AreAnsweredWithoutDroppingTheConnection(string venue, string valid, string validReplyPrefix)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var sim = new ExchangeSimulator(VenueCase.Of(venue).Load(), VenueTestClient.Fast);
        await sim.StartAsync(cts.Token);
        sim.Pause();
        await using var client = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        foreach (var bad in new[] { "{not json", "[1,2,3]", "{\"event\":\"unsubscribe\",\"chanId\":\"x\",\"flags\":\"y\"}", "{\"event\":\"conf\",\"flags\":\"y\"}", "{\"op\":\"subscribe\",\"args\":[1,{\"x\":2}]}", "{\"type\":\"subscribe\",\"channels\":[1,{\"name\":2}]}" })
        {
            await client.SendAsync(bad, cts.Token);
        }

        await client.SendAsync(valid, cts.Token);
        var frames = await VenueTestClient.ReceiveUntilAsync(client, f => f.StartsWith(validReplyPrefix, StringComparison.Ordinal), 1, cts.Token);

        frames[^1].Should().StartWith(validReplyPrefix);
        sim.ClientsConnected.Should().Be(1);
    }

    [Theory]
    [InlineData("kraken", "{\"channelID\":320,\"channelName\":\"book-1000\",\"event\":\"subscriptionStatus\",\"pair\":\"XBT/USD\"")]
    [InlineData("okx", "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"books-l2-tbt\",\"instId\":\"XMR-USDT-SWAP\"}}")]
    [InlineData("coinbase", "{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"level2\",\"product_ids\":[\"SKL-GBP\"]}]}")]
    [InlineData("bybit", "{\"success\":true,\"ret_msg\":\"\"")]
    public async Task Subscribe_AckIsTheRecordedOrVenueShapedReply(string venue, string ackPrefix)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of(venue);
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast);
        await sim.StartAsync(cts.Token);
        sim.Pause();
        await using var client = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        await client.SendAsync(c.Subscribe, cts.Token);

        var frames = await VenueTestClient.ReceiveUntilAsync(client, f => f.StartsWith(ackPrefix, StringComparison.Ordinal), 1, cts.Token);

        frames.Should().HaveCountLessThanOrEqualTo(2, "at most the greeting comes before the ack");
    }
}
