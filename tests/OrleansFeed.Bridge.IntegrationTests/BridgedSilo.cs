using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Client;
using OrleansFeed.Client.Books;
using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.OrderBooks;
using Orleans;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;
using OrleansFeed.TestKit.Captures;
using OrleansFeed.TestKit.Simulation;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>
/// A silo (in-process) with the NATS bridge on, fed by a simulator replaying the recorded Binance USD-M session of
/// 2021-07-22 (books, trades, bookTicker). Playback starts paused: call <see cref="Simulator"/>.Resume().
/// </summary>
public sealed class BridgedSilo : IAsyncDisposable
{
    public const string Venue = "binance-futures";

    private BridgedSilo(ExchangeSimulator simulator, WebApplication silo, string prefix)
    {
        Simulator = simulator;
        Silo = silo;
        Prefix = prefix;
    }

    public ExchangeSimulator Simulator { get; }

    public WebApplication Silo { get; }

    public string Prefix { get; }

    public NatsBridgeStatus Status => Silo.Services.GetRequiredService<NatsBridgeStatus>();

    public IReadOnlyList<string> Symbols => Simulator.SnapshotSymbols;

    public static IReadOnlyList<string> SessionFiles() =>
        CaptureFile.GroupSessions([SharedData.PathOf("binance_futures")]).Single(s => Path.GetFileName(s[0]).StartsWith("2021-07-22", StringComparison.Ordinal));

    public static async Task<BridgedSilo> StartAsync(string natsUrl, string prefix, CancellationToken cancellationToken, IDictionary<string, string?>? extra = null, TimeSpan frameDelay = default)
    {
        // A frame delay spreads the session over time so deltas flow after a subscriber's snapshot.
        var simulator = ExchangeSimulator.FromFiles(SessionFiles(), new SimulatorOptions { MaxSendQueue = TestSimulator.MaxSendQueue, PlaybackSpeed = 0, FrameDelay = frameDelay });
        simulator.Pause();
        await simulator.StartAsync(cancellationToken);
        var settings = new Dictionary<string, string?>
        {
            ["Feed:Venues:binance:Enabled"] = "false",
            [$"Feed:Venues:{Venue}:Enabled"] = "true",
            [$"Feed:Venues:{Venue}:WebSocketUrl"] = simulator.WebSocketBaseUri.ToString().TrimEnd('/'),
            [$"Feed:Venues:{Venue}:RestUrl"] = simulator.BaseUri.ToString().TrimEnd('/'),
            [$"Feed:Venues:{Venue}:DepthLimit"] = "5000",
            [$"Feed:Venues:{Venue}:SplitRoutes"] = "true",
            [$"Feed:Venues:{Venue}:ReconnectMinDelay"] = "00:00:00.050",
            [$"Feed:Venues:{Venue}:ReconnectMaxDelay"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Nats:Enabled"] = "true",
            ["Nats:Url"] = natsUrl,
            ["Nats:SubjectPrefix"] = prefix,
            ["Nats:JetStream:TradesStream"] = "TRADES_" + prefix.Replace('.', '_'),
            ["Nats:JetStream:Storage"] = "Memory",
        };
        var i = 0;
        foreach (var symbol in simulator.SnapshotSymbols)
        {
            settings[$"Feed:Venues:{Venue}:Symbols:{i++}"] = symbol;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var silo = SiloHost.Build(configuration, port: 0);
        await silo.StartAsync(cancellationToken);
        return new BridgedSilo(simulator, silo, prefix);
    }

    public IOrderBookGrain Grain(string symbol) =>
        Silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IOrderBookGrain>($"{Venue}:{symbol}");

    public static Task<OrleansFeedClient> ConnectClientAsync(string natsUrl, string prefix, CancellationToken cancellationToken) =>
        OrleansFeedClient.ConnectAsync(
            OrleansFeedClientOptions.Default with
            {
                Nats = NatsOpts.Default with { Url = natsUrl, ReconnectWaitMax = TimeSpan.FromMilliseconds(500), PingInterval = TimeSpan.FromSeconds(5) },
                SubjectPrefix = prefix,
            },
            cancellationToken);

    /// <summary>Waits until the bridge is connected with its JetStream streams, then plays the whole capture.</summary>
    public async Task PlayWhenBridgeReadyAsync(CancellationToken cancellationToken)
    {
        await WaitUntilAsync(() => Status.Snapshot() is { Connected: true, JetStreamReady: true }, "bridge connected with JetStream ready", cancellationToken);
        Simulator.Resume();
    }

    public async Task WaitForPlaybackAndSyncAsync(CancellationToken cancellationToken)
    {
        await Simulator.PlaybackCompleted.WaitAsync(cancellationToken);
        var books = Silo.Services.GetRequiredService<BookDirectory>();
        await WaitUntilAsync(
            () => Symbols.All(s => books.Books.TryGetValue(new(Venue, s), out var status) && status.State == BookSyncState.Synced),
            "every book synced after playback",
            cancellationToken);
    }

    /// <summary>Waits until the subscription's copy is live at the grain's sequence and asserts equal levels.</summary>
    public async Task AssertSubscriptionEqualsSiloAsync(BookSubscription subscription, CancellationToken cancellationToken)
    {
        var grain = Grain(subscription.Book.Symbol);
        while (true)
        {
            var expected = await grain.GetSnapshotAsync(int.MaxValue);
            await subscription.WaitUntilAsync(s => s.IsLive && s.Sequence >= expected.Sequence, cancellationToken)
                .WaitAsync(cancellationToken)
                .ConfigureAwait(false);
            var bids = subscription.GetLevels(BookSide.Bid);
            var asks = subscription.GetLevels(BookSide.Ask);
            var sequence = subscription.Sequence;
            var again = await grain.GetSnapshotAsync(int.MaxValue);
            if (again.Sequence != expected.Sequence || sequence != expected.Sequence)
            {
                continue; // The silo moved on while we read: compare again at its new sequence.
            }

            subscription.Epoch.Should().Be(expected.Epoch, $"{subscription.Book} epoch");
            bids.Should().Equal(expected.Bids, $"{subscription.Book} bids at sequence {sequence}");
            asks.Should().Equal(expected.Asks, $"{subscription.Book} asks at sequence {sequence}");
            return;
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.StopAsync();
        await Silo.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
