using System.Net.WebSockets;
using System.Text.Json;

namespace OrleansFeed.Simulator.Tests;

/// <summary>Verifies fault injection reaches clients: malformed frames, connection aborts, serverShutdown notices.</summary>
public sealed class ExchangeSimulatorFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SendMalformedFrame_SubscribedClient_ReceivesUnparseableFrame()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var sim = new ExchangeSimulator(Recordings.Load(Recordings.FuturesStem));
        await sim.StartAsync(cts.Token);
        sim.Pause();
        await using var client = await WsClient.ConnectAsync(new Uri(sim.WebSocketBaseUri, "/stream?streams=sushiusdt@depth@100ms"), cts.Token);
        await sim.WaitForClientsAsync(1, cts.Token);

        sim.SendMalformedFrame("sushiusdt@depth@100ms").Should().Be(1);
        var frame = await client.ReceiveAsync(cts.Token);

        frame.Should().StartWith("{\"stream\":\"sushiusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\"");
        var parse = () => JsonDocument.Parse(frame!).Dispose();
        parse.Should().Throw<JsonException>();
    }

    [Fact]
    public async Task CorruptNextDiff_BinanceDepthStream_ChangesOneDigitOfExactlyOneFrame()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var records = Recordings.Load(Recordings.FuturesStem);
        await using var sim = new ExchangeSimulator(records, new SimulatorOptions { MaxSendQueue = 1_000_000 });
        sim.CorruptNextDiff("sushiusdt");
        await sim.StartAsync(cts.Token);
        await using var client = await WsClient.ConnectAsync(new Uri(sim.WebSocketBaseUri, "/stream?streams=sushiusdt@depth@100ms"), cts.Token);
        await sim.PlaybackCompleted.WaitAsync(cts.Token);
        sim.InjectRaw(WsClient.Sentinel);
        var received = await client.ReceiveUntilSentinelAsync(cts.Token);

        var recorded = Recordings.FramesOf(records, "sushiusdt@depth@100ms");
        received.Should().HaveCount(recorded.Count);
        var changed = Enumerable.Range(0, recorded.Count).Where(i => received[i] != recorded[i]).ToList();
        changed.Should().ContainSingle();
        var (original, corrupted) = (recorded[changed[0]], received[changed[0]]);
        corrupted.Length.Should().Be(original.Length);
        Enumerable.Range(0, original.Length).Count(i => original[i] != corrupted[i]).Should().Be(1);
        var parse = () => JsonDocument.Parse(corrupted).Dispose();
        parse.Should().NotThrow();
        sim.DiffsCorrupted.Should().Be(1);
    }

    [Fact]
    public async Task CloseAllConnections_ConnectedClient_SocketIsClosedAndUnregistered()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var sim = new ExchangeSimulator(Recordings.Load(Recordings.FuturesStem));
        await sim.StartAsync(cts.Token);
        sim.Pause();
        await using var client = await WsClient.ConnectAsync(new Uri(sim.WebSocketBaseUri, "/stream?streams=sushiusdt@depth@100ms"), cts.Token);
        await sim.WaitForClientsAsync(1, cts.Token);

        sim.CloseAllConnections().Should().Be(1);
        string? received = "not closed";
        try
        {
            received = await client.ReceiveAsync(cts.Token);
        }
        catch (WebSocketException)
        {
            received = null;
        }

        received.Should().BeNull();
        sim.ClientsConnected.Should().Be(0);
    }

    [Fact]
    public async Task ServerShutdownNotice_CombinedClient_ReceivesWrappedNotice()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var sim = new ExchangeSimulator(Recordings.Load(Recordings.FuturesStem));
        await sim.StartAsync(cts.Token);
        sim.Pause();
        await using var client = await WsClient.ConnectAsync(new Uri(sim.WebSocketBaseUri, "/stream?streams=sushiusdt@depth@100ms"), cts.Token);
        await sim.WaitForClientsAsync(1, cts.Token);

        sim.ServerShutdownNotice();
        using var doc = JsonDocument.Parse((await client.ReceiveAsync(cts.Token))!);

        doc.RootElement.GetProperty("stream").GetString().Should().Be("!serverShutdown");
        doc.RootElement.GetProperty("data").GetProperty("e").GetString().Should().Be("serverShutdown");
    }

    [Fact]
    public async Task StallNextConnections_One_NextClientSubscribedButSilentWhileOthersReceive()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var sim = new ExchangeSimulator(Recordings.Load(Recordings.FuturesStem), new SimulatorOptions { MaxSendQueue = 1_000_000 });
        await sim.StartAsync(cts.Token);
        sim.Pause();
        sim.StallNextConnections(1);
        var uri = new Uri(sim.WebSocketBaseUri, "/stream?streams=sushiusdt@depth@100ms");
        await using var stalled = await WsClient.ConnectAsync(uri, cts.Token);
        await using var healthy = await WsClient.ConnectAsync(uri, cts.Token);
        await sim.WaitForClientsAsync(2, cts.Token);

        sim.Resume();
        await sim.PlaybackCompleted.WaitAsync(cts.Token);
        sim.InjectRaw(WsClient.Sentinel).Should().Be(2, "the stalled client is registered and subscribed like any other");
        var received = await healthy.ReceiveUntilSentinelAsync(cts.Token);
        received.Should().NotBeEmpty();
        sim.StalledConnections.Should().Be(1);
        sim.ConnectionsAccepted.Should().Be(2);
        sim.ClientsConnected.Should().Be(2);

        // Last: a cancelled ReceiveAsync aborts the client's socket, and the simulator then unregisters it.
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var silent = async () => await stalled.ReceiveAsync(quiet.Token);
        await silent.Should().ThrowAsync<OperationCanceledException>("nothing is ever sent on a stalled connection");
    }
}
