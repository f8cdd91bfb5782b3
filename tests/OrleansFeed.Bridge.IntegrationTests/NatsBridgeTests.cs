using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Grains.Subjects;
using OrleansFeed.Client;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.TestKit.Nats;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>
/// The NATS bridge in a silo replaying a recorded session against a real nats-server: maintained books equal the
/// silo's, request/reply answers equal the grains', unknown books get no-responders, trades replay from JetStream.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class NatsBridgeTests(NatsServerFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task BookSubscription_ThroughWholePlayback_KeepsBookEqualToSilo()
    {
        if (server.SkipReason is not null) { return; }

        using var cts = new CancellationTokenSource(Timeout);
        var prefix = Prefix();
        await using var silo = await BridgedSilo.StartAsync(server.Url, prefix, cts.Token, frameDelay: TimeSpan.FromMilliseconds(2));
        await using var client = await BridgedSilo.ConnectClientAsync(server.Url, prefix, cts.Token);
        var subscriptions = new List<Client.Books.BookSubscription>();
        foreach (var symbol in silo.Symbols)
        {
            subscriptions.Add(await client.SubscribeBookAsync(BridgedSilo.Venue, symbol, cts.Token));
        }

        var tradeSymbol = silo.Symbols[0];
        await using var trades = await client.SubscribeTradesAsync(BridgedSilo.Venue, tradeSymbol, cts.Token);

        await silo.PlayWhenBridgeReadyAsync(cts.Token);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        foreach (var subscription in subscriptions)
        {
            await silo.AssertSubscriptionEqualsSiloAsync(subscription, cts.Token);
            subscription.DeltasApplied.Should().BePositive($"{subscription.Book} should have followed deltas, not only snapshots");
            subscription.MalformedMessages.Should().Be(0);
            await subscription.DisposeAsync();
        }

        var expectedTrades = (await silo.Grain(tradeSymbol).GetRecentTradesAsync(1000)).Reverse().ToArray();
        var received = new List<Core.Trades.Trade>();
        await foreach (var trade in trades.ReadAllAsync(cts.Token))
        {
            received.Add(trade);
            if (received.Count == expectedTrades.Length)
            {
                break;
            }
        }

        received.Should().Equal(expectedTrades, $"{tradeSymbol}: every trade, in order, over core NATS");
        trades.MalformedMessages.Should().Be(0);

        var status = silo.Status.Snapshot();
        status.Published.Should().BePositive();
        status.DroppedQueueFull.Should().Be(0);
        status.SkippedRoutes.Should().BeEmpty("every route matches a declared stream of the right event type");
        var health = await silo.Silo.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == NatsBridgeHealthCheck.Name, cts.Token);
        health.Entries[NatsBridgeHealthCheck.Name].Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task GrainCalls_OverNats_EqualTheSilosGrains()
    {
        if (server.SkipReason is not null) { return; }

        using var cts = new CancellationTokenSource(Timeout);
        var prefix = Prefix();
        await using var silo = await BridgedSilo.StartAsync(server.Url, prefix, cts.Token);
        await using var client = await BridgedSilo.ConnectClientAsync(server.Url, prefix, cts.Token);
        await silo.PlayWhenBridgeReadyAsync(cts.Token);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        foreach (var symbol in silo.Symbols)
        {
            var remote = client.GetGrain<IOrderBookGrain>($"{BridgedSilo.Venue}:{symbol}");
            var local = silo.Grain(symbol);

            var expected = await local.GetSnapshotAsync(5000);
            var snapshot = await remote.GetSnapshotAsync(5000);
            // The silo holding the book is REST's field (BookSnapshotDto.silo); the NATS snapshot reply does not carry it.
            snapshot.Should().BeEquivalentTo(expected, o => o.Excluding(s => s.Counters).Excluding(s => s.Silo), $"{symbol} snapshot over NATS");
            (await remote.GetSnapshotAsync(3)).Bids.Should().Equal(expected.Bids.Take(3), "depth is honoured");

            var trades = await remote.GetRecentTradesAsync(50);
            trades.Should().Equal(await local.GetRecentTradesAsync(50), $"{symbol} recent trades");

            var ticker = await remote.GetTickerAsync();
            ticker.Should().BeEquivalentTo(await local.GetTickerAsync(), $"{symbol} ticker");
        }

        // The documented subject answers any NATS client: the reply headers carry the snapshot's sequence and epoch.
        var connection = client.Connection;
        var first = silo.Symbols[0];
        var reply = await connection.RequestAsync<byte[], ReadOnlyMemory<byte>>(MdSubjects.SnapshotBook(prefix, BridgedSilo.Venue, first), """{"depth":1}"""u8.ToArray(), cancellationToken: cts.Token);
        using var json = JsonDocument.Parse(reply.Data);
        reply.Headers![MdHeaders.Sequence].ToString().Should().Be(json.RootElement.GetProperty("sequence").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        reply.Headers[MdHeaders.Epoch].ToString().Should().Be(json.RootElement.GetProperty("epoch").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        json.RootElement.GetProperty("bids").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task SnapshotRequest_ForUnknownBook_GetsNoResponders()
    {
        if (server.SkipReason is not null) { return; }

        using var cts = new CancellationTokenSource(Timeout);
        var prefix = Prefix();
        await using var silo = await BridgedSilo.StartAsync(server.Url, prefix, cts.Token);
        await using var client = await BridgedSilo.ConnectClientAsync(server.Url, prefix, cts.Token);
        await BridgedSilo.WaitUntilAsync(() => silo.Status.Snapshot().Connected, "bridge connected", cts.Token);
        // The responders subscribe right after connecting: a known book answers once they are in place.
        await BridgedSilo.WaitUntilAsync(() => silo.Status.Snapshot().Subscriptions > 0, "bridge subscribed", cts.Token);
        var known = client.GetGrain<IOrderBookGrain>($"{BridgedSilo.Venue}:{silo.Symbols[0]}");
        await RetryUntilServedAsync(() => known.GetSnapshotAsync(1), cts.Token);

        var unknown = client.GetGrain<IOrderBookGrain>($"{BridgedSilo.Venue}:NOSUCHBOOK");
        var act = () => unknown.GetSnapshotAsync(10);
        (await act.Should().ThrowAsync<BookNotServedException>()).Which.BookKey.Should().Be($"{BridgedSilo.Venue}:NOSUCHBOOK");

        var raw = () => client.Connection.RequestAsync<byte[], ReadOnlyMemory<byte>>(MdSubjects.SnapshotBook(prefix, BridgedSilo.Venue, "NOSUCHBOOK"), [], cancellationToken: cts.Token).AsTask();
        await raw.Should().ThrowAsync<NatsNoRespondersException>();
        silo.Status.Snapshot().Connects.Should().Be(1, "one connection to NATS, counted once (NATS.Net also reports the first connect as ConnectionOpened)");
    }

    [Fact]
    public async Task JetStreamTrades_ReplayFromSequence_GiveEveryLaterTradeOnceInOrder()
    {
        if (server.SkipReason is not null) { return; }

        using var cts = new CancellationTokenSource(Timeout);
        var prefix = Prefix();
        // This test is about what JetStream keeps, not the drop policy (BridgeQueueTests): the playback runs flat out
        // and, on a loaded machine, can outrun the publisher, which then drops by policy (drops seen with the default
        // 65,536/16,384 while other test assemblies ran). Queues large enough for the whole session keep every trade.
        var roomy = new Dictionary<string, string?> { ["Nats:QueueCapacity"] = "1048576", ["Nats:StreamCapacity"] = "1048576" };
        await using var silo = await BridgedSilo.StartAsync(server.Url, prefix, cts.Token, roomy);
        await using var client = await BridgedSilo.ConnectClientAsync(server.Url, prefix, cts.Token);
        await silo.PlayWhenBridgeReadyAsync(cts.Token);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        var stream = "TRADES_" + prefix.Replace('.', '_');
        var symbol = silo.Symbols.OrderBy(s => s, StringComparer.Ordinal).First();
        var expected = (await silo.Grain(symbol).GetRecentTradesAsync(1000)).Reverse().ToArray();
        expected.Should().NotBeEmpty($"{symbol} has trades in the capture");
        var subject = MdSubjects.Trade(prefix, BridgedSilo.Venue, symbol);
        var js = new NatsJSContext(client.Connection);

        // Everything published has reached the stream once the bridge's queue is empty and the server answered a flush.
        await BridgedSilo.WaitUntilAsync(() => silo.Status.Snapshot().QueueDepth == 0, "bridge queue drained", cts.Token);
        var all = await ReadTradesAsync(js, stream, subject, 0, expected.Length, cts.Token);
        all.Select(t => t.Trade.TradeId).Should().Equal(expected.Select(t => t.TradeId), $"{symbol}: every trade stored once, in order (bridge {silo.Status.Snapshot()})");

        // Replay from the middle: exactly the trades from that stream sequence on.
        var middle = all[all.Count / 2];
        var replay = await ReadTradesAsync(js, stream, subject, middle.StreamSeq, all.Count - (all.Count / 2), cts.Token);
        replay.Select(t => t.StreamSeq).Should().Equal(all.Skip(all.Count / 2).Select(t => t.StreamSeq));

        // A repeat of a trade (a bridge restart, a second silo) is de-duplicated by Nats-Msg-Id.
        var ack = await js.PublishAsync(subject, "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = $"{BridgedSilo.Venue}:{symbol}:{expected[0].TradeId}" }, cancellationToken: cts.Token);
        ack.Duplicate.Should().BeTrue();
    }

    private static async Task<List<(ulong StreamSeq, Core.Trades.Trade Trade)>> ReadTradesAsync(NatsJSContext js, string stream, string subject, ulong fromSeq, int count, CancellationToken cancellationToken)
    {
        var result = new List<(ulong, Core.Trades.Trade)>();
        await foreach (var msg in JetStreamReplay.ReadAsync(js, stream, subject, fromSeq, cancellationToken))
        {
            using var doc = JsonDocument.Parse(msg.Data);
            result.Add((msg.Metadata!.Value.Sequence.Stream, Client.Internal.WireReader.TradeMessage(doc.RootElement).Trade));
            if (result.Count == count)
            {
                break;
            }
        }

        return result;
    }

    private static async Task RetryUntilServedAsync(Func<Task> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await call();
                return;
            }
            catch (BookNotServedException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    private string Prefix() => $"t{server.NextId()}.md.v1";
}
