using System.Text.Json;
using OrleansFeed.TestKit.Ports;

namespace OrleansFeed.Simulator.Tests;

/// <summary>Verifies WebSocket playback: per-stream delivery in recorded order, the 2026 USD-M route split, live SUBSCRIBE.</summary>
public sealed class ExchangeSimulatorPlaybackTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly SimulatorOptions Fast = new() { MaxSendQueue = 1_000_000 };

    [Fact]
    public async Task Playback_ClientSubscribedToSomeStreams_ReceivesExactlyThoseRecordedFramesInOrder()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var records = Recordings.Load(Recordings.FuturesStem);
        string[] streams = ["sushiusdt@depth@100ms", "akrousdt@aggTrade", "ctkusdt@bookTicker"];
        await using var sim = new ExchangeSimulator(records, Fast with { Port = FreePort.Next() });
        await sim.StartAsync(cts.Token);
        await using var client = await WsClient.ConnectAsync(new Uri(sim.WebSocketBaseUri, "/stream?streams=" + string.Join('/', streams)), cts.Token);

        await sim.PlaybackCompleted.WaitAsync(cts.Token);
        sim.InjectRaw(WsClient.Sentinel);
        var received = await client.ReceiveUntilSentinelAsync(cts.Token);

        var expected = Recordings.FramesOf(records, streams);
        expected.Should().HaveCountGreaterThan(100);
        received.Should().Equal(expected);
        sim.Position.Should().Be(sim.Total);
    }

    [Fact]
    public async Task UsdmSplit_PublicAndMarketRoutes_DeliverOnlyTheirStreamKinds()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var records = Recordings.Load(Recordings.FuturesStem);
        const string Streams = "sushiusdt@depth@100ms/sushiusdt@aggTrade";
        await using var sim = new ExchangeSimulator(records, Fast);
        await sim.StartAsync(cts.Token);
        sim.Pause();
        await using var publicClient = await WsClient.ConnectAsync(new Uri(sim.WebSocketBaseUri, "/public/stream?streams=" + Streams), cts.Token);
        await using var marketClient = await WsClient.ConnectAsync(new Uri(sim.WebSocketBaseUri, "/market/stream?streams=" + Streams), cts.Token);
        await sim.WaitForClientsAsync(2, cts.Token);
        sim.Resume();

        await sim.PlaybackCompleted.WaitAsync(cts.Token);
        sim.InjectRaw(WsClient.Sentinel);
        var publicFrames = await publicClient.ReceiveUntilSentinelAsync(cts.Token);
        var marketFrames = await marketClient.ReceiveUntilSentinelAsync(cts.Token);

        publicFrames.Should().Equal(Recordings.FramesOf(records, "sushiusdt@depth@100ms")).And.NotBeEmpty();
        marketFrames.Should().Equal(Recordings.FramesOf(records, "sushiusdt@aggTrade")).And.NotBeEmpty();
    }

    [Fact]
    public async Task LiveSubscribe_OnRawConnection_RepliesResultNullThenSendsRawPayloads()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var records = Recordings.Load(Recordings.FuturesStem);
        await using var sim = new ExchangeSimulator(records, Fast);
        await sim.StartAsync(cts.Token);
        await using var client = await WsClient.ConnectAsync(new Uri(sim.WebSocketBaseUri, "/ws"), cts.Token);

        await client.SendAsync("{\"method\":\"SUBSCRIBE\",\"params\":[\"sushiusdt@bookTicker\"],\"id\":1}", cts.Token);
        var reply = await client.ReceiveAsync(cts.Token);
        var first = await client.ReceiveAsync(cts.Token);

        reply.Should().Be("{\"result\":null,\"id\":1}");
        using var doc = JsonDocument.Parse(first!);
        doc.RootElement.GetProperty("e").GetString().Should().Be("bookTicker");
        doc.RootElement.GetProperty("s").GetString().Should().Be("SUSHIUSDT");
        doc.RootElement.TryGetProperty("stream", out _).Should().BeFalse();
    }
}
