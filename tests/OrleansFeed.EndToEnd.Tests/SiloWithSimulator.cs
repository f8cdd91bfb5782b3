using OrleansFeed.Core.Books;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.OrderBooks;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;
using OrleansFeed.TestKit.Simulation;

namespace OrleansFeed.EndToEnd.Tests;

/// <summary>A silo (in-process, real Kestrel on a free port) connected to a simulator serving one recorded session.</summary>
public sealed class SiloWithSimulator : IAsyncDisposable
{
    private SiloWithSimulator(ExchangeSimulator simulator, WebApplication silo, Uri api, string venue)
    {
        Simulator = simulator;
        Silo = silo;
        Api = api;
        Venue = venue;
    }

    public ExchangeSimulator Simulator { get; }

    public WebApplication Silo { get; }

    public Uri Api { get; }

    public string Venue { get; }

    public BookDirectory Books => Silo.Services.GetRequiredService<BookDirectory>();

    public static async Task<SiloWithSimulator> StartAsync(IReadOnlyList<string> files, bool futuresSplit, CancellationToken cancellationToken, double playbackSpeed = 0, IDictionary<string, string?>? extraSettings = null)
    {
        var simulator = ExchangeSimulator.FromFiles(files, new SimulatorOptions { MaxSendQueue = TestSimulator.MaxSendQueue, PlaybackSpeed = playbackSpeed });
        await simulator.StartAsync(cancellationToken);
        var url = files.SelectMany(CaptureFile.Read).First(r => r.Kind == CaptureRecordKind.Open).Source;
        BinanceMarketInfo.TryFromUrl(url, out var market).Should().BeTrue();
        var venue = market.VenueId();
        var settings = new Dictionary<string, string?>
        {
            [$"Feed:Venues:{venue}:WebSocketUrl"] = simulator.WebSocketBaseUri.ToString().TrimEnd('/'),
            [$"Feed:Venues:{venue}:RestUrl"] = simulator.BaseUri.ToString().TrimEnd('/'),
            // The whole simulated book, so no level is cut off by a depth-limited snapshot (§1 step 7).
            [$"Feed:Venues:{venue}:DepthLimit"] = "5000",
            [$"Feed:Venues:{venue}:LoadInstruments"] = "false",
            [$"Feed:Venues:{venue}:SplitRoutes"] = futuresSplit ? "true" : "false",
            [$"Feed:Venues:{venue}:ReconnectMinDelay"] = "00:00:00.050",
            [$"Feed:Venues:{venue}:ReconnectMaxDelay"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var i = 0;
        foreach (var symbol in simulator.SnapshotSymbols)
        {
            settings[$"Feed:Venues:{venue}:Symbols:{i++}"] = symbol;
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var silo = SiloHost.Build(configuration, port: 0);

        // Playback waits until every planned connection is open (split routes: /public and /market). Otherwise a
        // starved silo's depth connection could open after a full-speed playback has ended and never see a diff.
        simulator.Pause();
        await silo.StartAsync(cancellationToken);
        await simulator.WaitForClientsAsync(futuresSplit ? 2 : 1, cancellationToken);
        simulator.Resume();
        var address = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var api = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        return new SiloWithSimulator(simulator, silo, api, venue);
    }

    /// <summary>Waits until every configured book is synced and the simulator has played the whole capture.</summary>
    public async Task WaitForPlaybackAndSyncAsync(CancellationToken cancellationToken)
    {
        await Simulator.PlaybackCompleted.WaitAsync(cancellationToken);
        await WaitUntilAsync(() => Simulator.SnapshotSymbols.All(IsSyncedAtSimulatorHead), "all books synced at the simulator's last update", cancellationToken);
    }

    public bool IsSyncedAtSimulatorHead(string symbol) =>
        Books.Books.TryGetValue(new(Venue, symbol), out var status) && status.State == BookSyncState.Synced;

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
