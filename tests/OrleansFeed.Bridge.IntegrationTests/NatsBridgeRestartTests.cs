using OrleansFeed.TestKit.Nats;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>
/// nats-server killed and restarted mid-stream (its own server): the bridge reconnects and counts what it dropped,
/// the client reconnects, resubscribes, resyncs by snapshot and ends with books equal to the silo's.
/// </summary>
public sealed class NatsBridgeRestartTests : IAsyncLifetime
{
    private readonly NatsServerFixture _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task NatsServerRestart_MidStream_ClientRecoversBooksEqualToSilo()
    {
        if (_server.SkipReason is not null) { return; }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        const string prefix = "md.v1";
        // No reconnect buffer: everything published while NATS is down is dropped, so the consumers must heal a real loss.
        await using var silo = await BridgedSilo.StartAsync(_server.Url, prefix, cts.Token, new Dictionary<string, string?> { ["Nats:ReconnectBufferBytes"] = "0" }, TimeSpan.FromMilliseconds(2));
        await using var client = await BridgedSilo.ConnectClientAsync(_server.Url, prefix, cts.Token);
        var subscriptions = new List<Client.Books.BookSubscription>();
        foreach (var symbol in silo.Symbols)
        {
            subscriptions.Add(await client.SubscribeBookAsync(BridgedSilo.Venue, symbol, cts.Token));
        }

        // Phase 1: part of the session flows through NATS.
        await silo.PlayWhenBridgeReadyAsync(cts.Token);
        await subscriptions[0].WaitUntilAsync(s => s.DeltasApplied >= 5, cts.Token);
        silo.Simulator.Pause();

        // Phase 2: NATS goes away; the rest of the session is played while it is down.
        await _server.StopAsync();
        await BridgedSilo.WaitUntilAsync(() => !silo.Status.Snapshot().Connected, "bridge noticed the outage", cts.Token);
        silo.Simulator.Resume();
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);
        silo.Status.Snapshot().DroppedDisconnected.Should().BePositive("deltas and trades published during the outage are counted as dropped");

        // Phase 3: NATS is back; bridge and client reconnect on their own.
        await _server.StartAsync();
        await BridgedSilo.WaitUntilAsync(() => silo.Status.Snapshot() is { Connected: true, Connects: >= 2 }, "bridge reconnected", cts.Token);
        foreach (var subscription in subscriptions)
        {
            await subscription.WaitUntilAsync(s => s.Reconnects >= 1, cts.Token);
            await silo.AssertSubscriptionEqualsSiloAsync(subscription, cts.Token);
            subscription.SnapshotsLoaded.Should().BeGreaterThanOrEqualTo(2, $"{subscription.Book} resynced by snapshot after the outage");
        }

        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync();
        }
    }
}
