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

/// <summary>One silo (in-process, real Kestrel) connected to one simulator per recorded session, each a different venue.</summary>
public sealed class MultiVenueSilo : IAsyncDisposable
{
    private MultiVenueSilo(IReadOnlyList<(string Venue, ExchangeSimulator Simulator)> simulators, WebApplication silo, Uri api)
    {
        Simulators = simulators;
        Silo = silo;
        Api = api;
    }

    public IReadOnlyList<(string Venue, ExchangeSimulator Simulator)> Simulators { get; }

    public WebApplication Silo { get; }

    public Uri Api { get; }

    public BookDirectory Books => Silo.Services.GetRequiredService<BookDirectory>();

    public static async Task<MultiVenueSilo> StartAsync(
        IReadOnlyList<(IReadOnlyList<string> Files, bool FuturesSplit)> sessions,
        IDictionary<string, string?> extraSettings,
        CancellationToken cancellationToken)
    {
        var simulators = new List<(string, ExchangeSimulator)>();
        var connections = new List<(ExchangeSimulator Simulator, int Count)>();
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var (files, split) in sessions)
        {
            var simulator = ExchangeSimulator.FromFiles(files, new SimulatorOptions { MaxSendQueue = TestSimulator.MaxSendQueue, PlaybackSpeed = 0 });
            simulator.Pause();
            await simulator.StartAsync(cancellationToken);
            connections.Add((simulator, split ? 2 : 1));
            var url = files.SelectMany(CaptureFile.Read).First(r => r.Kind == CaptureRecordKind.Open).Source;
            BinanceMarketInfo.TryFromUrl(url, out var market).Should().BeTrue();
            var venue = market.VenueId();
            simulators.Add((venue, simulator));
            settings[$"Feed:Venues:{venue}:WebSocketUrl"] = simulator.WebSocketBaseUri.ToString().TrimEnd('/');
            settings[$"Feed:Venues:{venue}:RestUrl"] = simulator.BaseUri.ToString().TrimEnd('/');
            settings[$"Feed:Venues:{venue}:DepthLimit"] = "5000";
            settings[$"Feed:Venues:{venue}:SplitRoutes"] = split ? "true" : "false";
            var i = 0;
            foreach (var symbol in simulator.SnapshotSymbols)
            {
                settings[$"Feed:Venues:{venue}:Symbols:{i++}"] = symbol;
            }
        }

        foreach (var (k, v) in extraSettings)
        {
            settings[k] = v;
        }

        var silo = SiloHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), port: 0);
        await silo.StartAsync(cancellationToken);

        // Playback waits until every planned connection is open, so no diff is played before its connection exists.
        foreach (var (simulator, count) in connections)
        {
            await simulator.WaitForClientsAsync(count, cancellationToken);
            simulator.Resume();
        }

        var address = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MultiVenueSilo(simulators, silo, new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>Waits until every simulator played its whole capture and every configured book is synced.</summary>
    public async Task WaitForPlaybackAndSyncAsync(CancellationToken cancellationToken)
    {
        foreach (var (venue, simulator) in Simulators)
        {
            await simulator.PlaybackCompleted.WaitAsync(cancellationToken);
            await SiloWithSimulator.WaitUntilAsync(
                () => simulator.SnapshotSymbols.All(s => Books.Books.TryGetValue(new(venue, s), out var status) && status.State == BookSyncState.Synced),
                $"{venue} books synced",
                cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.StopAsync();
        await Silo.DisposeAsync();
        foreach (var (_, simulator) in Simulators)
        {
            await simulator.DisposeAsync();
        }
    }
}
