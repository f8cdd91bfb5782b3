using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Core.Internal;
using OrleansFeed.Core.Books;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Silo.Hosting;

namespace OrleansFeed.EndToEnd.Tests;

/// <summary>
/// The silo keeps ingesting whether or not anybody calls it (issue 9: idle collection once closed every venue
/// connection), and a book that Orleans deactivates and activates again is picked up by open subscriptions.
/// Both run the Binance spot recording of 2021-04-05 (10 symbols, about 2 minutes) at its recorded pace, so frames
/// keep arriving while the test waits.
/// </summary>
public class SiloLifecycleTests
{
    private static IReadOnlyList<string> Files => SiloAgainstSimulatorTests.SessionFiles("binance_spot", "2021-04-05");

    [Fact]
    public async Task IdleSilo_PastCollectionAge_KeepsConnectionsAndBooksWithoutRestarts()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        // The issue states it with a 1 minute collection age and 3 minutes alone. Orleans' collector works the same
        // at any scale (an activation idle for CollectionAge is collected on the next CollectionQuantum pass), so the
        // test uses an age of 2 s with 0.5 s passes and stays alone for 8 s: four ages and 16 passes, in seconds.
        var settings = new Dictionary<string, string?>
        {
            ["Silo:CollectionAge"] = "00:00:02",
            ["Silo:CollectionQuantum"] = "00:00:00.500",
        };
        await using var silo = await SimulatedSilo.StartAsync([SimulatedSession.BinanceMarket(Files, false)], cts.Token, playbackSpeed: 1, settings: settings);
        var symbols = silo.Simulator.SnapshotSymbols.ToArray();
        await Poll.UntilAsync(() => symbols.All(silo.IsSynced), "every book synced", cts.Token);

        // Nobody calls anything: no REST, no WebSocket, no grain call from the test.
        await Task.Delay(TimeSpan.FromSeconds(8), cts.Token);

        silo.Books.Books.Keys.Select(k => k.Symbol).Should().BeEquivalentTo(symbols, "no book activation was collected (a collected book unregisters)");
        symbols.Should().OnlyContain(s => silo.IsSynced(s), "every book is still synced");
        Supervisor(silo).Restarts.Should().Be(0, "the connector was never collected, so the supervisor never had to start it again");
        var status = await silo.Silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IExchangeConnectorGrain>(silo.Venue).GetStatusAsync();
        status.Connections.Should().Be(1, "the venue connection is still open");
    }

    [Fact]
    public async Task BookReactivated_OpenWebSocketSubscription_GetsNewEpochSnapshot()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var silo = await SimulatedSilo.StartAsync([SimulatedSession.BinanceMarket(Files, false)], cts.Token, playbackSpeed: 1);
        var symbol = silo.Simulator.SnapshotSymbols.First();
        await Poll.UntilAsync(() => silo.IsSynced(symbol), $"{symbol} synced", cts.Token);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{silo.Api.Authority}/ws"), cts.Token);
        var subscribe = $$"""{"op":"subscribe","channel":"book","venue":"{{silo.Venue}}","symbol":"{{symbol}}","depth":50,"id":1}""";
        await socket.SendAsync(Encoding.UTF8.GetBytes(subscribe), WebSocketMessageType.Text, true, cts.Token);
        var first = await NextSnapshotAsync(socket, cts.Token);
        var firstEpoch = first.GetProperty("epoch").GetInt64();

        // Orleans deactivates the book (as on a collection or a migration); the supervisor activates it again, it
        // resyncs from the venue and publishes under an epoch above every one it published before.
        var grains = silo.Silo.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IOrderBookGrain>($"{silo.Venue}:{symbol}").AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var second = await NextSnapshotAsync(socket, cts.Token);

        second.GetProperty("epoch").GetInt64().Should().BeGreaterThan(firstEpoch, "the new incarnation is a new epoch");
        second.GetProperty("syncState").GetString().Should().Be("synced");
        second.GetProperty("bids").GetArrayLength().Should().BeGreaterThan(0);
    }

    private static ConnectorSupervisor Supervisor(SimulatedSilo silo) =>
        silo.Silo.Services.GetServices<IHostedService>().OfType<ConnectorSupervisor>().Single();

    private static async Task<JsonElement> NextSnapshotAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var doc = JsonDocument.Parse(await WebSocketBookTests.ReceiveAsync(socket, cancellationToken));
            if (doc.RootElement.GetProperty("type").GetString() == "snapshot" && doc.RootElement.GetProperty("syncState").GetString() == "synced")
            {
                return doc.RootElement.Clone();
            }
        }
    }
}
