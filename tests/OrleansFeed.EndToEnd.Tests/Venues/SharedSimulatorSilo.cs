using OrleansFeed.Core.Books;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.OrderBooks;
using Orleans;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;
using OrleansFeed.TestKit.Simulation;

namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>
/// A silo (in-process, real Kestrel) whose venues all point at ONE simulator serving several venues' recordings
/// together (each recorded connection shifted to start at zero, so they play side by side); every recorded symbol of
/// every venue is configured. Playback starts paused: call <see cref="PlayWhenSubscribedAsync"/>.
/// </summary>
public sealed class SharedSimulatorSilo : IAsyncDisposable
{
    private SharedSimulatorSilo(ExchangeSimulator simulator, WebApplication silo, Uri api)
    {
        Simulator = simulator;
        Silo = silo;
        Api = api;
    }

    public ExchangeSimulator Simulator { get; }

    public WebApplication Silo { get; }

    public Uri Api { get; }

    public IGrainFactory Grains => Silo.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts the simulator on <paramref name="files"/> and a silo with every venue it serves.</summary>
    /// <param name="files">Recordings of several venues.</param>
    /// <param name="venueSettings">Extra keys per venue id, e.g. <c>DepthLimit</c> (relative to <c>Feed:Venues:{venue}</c>).</param>
    /// <param name="settings">Extra silo settings (e.g. <c>Aggregation:*</c>).</param>
    /// <param name="cancellationToken">Bounds the start.</param>
    public static async Task<SharedSimulatorSilo> StartAsync(
        IReadOnlyList<string> files, IDictionary<string, IDictionary<string, string>> venueSettings, IDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var simulator = ExchangeSimulator.FromFiles(files, new SimulatorOptions { MaxSendQueue = TestSimulator.MaxSendQueue, PlaybackSpeed = 0 });
        simulator.Pause();
        await simulator.StartAsync(cancellationToken);
        var all = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var endpoint in simulator.Endpoints())
        {
            var section = $"Feed:Venues:{endpoint.Venue}";
            all[$"{section}:Enabled"] = "true";
            all[$"{section}:WebSocketUrl"] = endpoint.WebSocketUrl.ToString();
            all[$"{section}:RestUrl"] = endpoint.RestUrl.ToString();
            all[$"{section}:LoadInstruments"] = "false";
            all[$"{section}:ReconnectMinDelay"] = "00:00:00.050";
            all[$"{section}:ReconnectMaxDelay"] = "00:00:00.200";
            for (var i = 0; i < endpoint.Symbols.Count; i++)
            {
                all[$"{section}:Symbols:{i.ToString(CultureInfo.InvariantCulture)}"] = endpoint.Symbols[i];
            }

            foreach (var (key, value) in venueSettings.TryGetValue(endpoint.Venue, out var extra) ? extra : new Dictionary<string, string>())
            {
                all[$"{section}:{key}"] = value;
            }
        }

        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var silo = SiloHost.Build(new ConfigurationBuilder().AddInMemoryCollection(all).Build(), port: 0);
        await silo.StartAsync(cancellationToken);
        var address = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SharedSimulatorSilo(simulator, silo, new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Barrier, then play: waits until <paramref name="clients"/> WebSocket clients are connected and every symbol of
    /// each listed venue is subscribed on each listed channel (trade and ticker frames are not caught up, so a late
    /// subscription would miss some), then resumes playback.
    /// </summary>
    public async Task PlayWhenSubscribedAsync(int clients, IReadOnlyDictionary<string, string[]> channels, CancellationToken cancellationToken)
    {
        await Simulator.WaitForClientsAsync(clients, cancellationToken);
        foreach (var (venue, names) in channels)
        {
            var symbols = Simulator.Endpoints().Single(e => e.Venue == venue).Symbols;
            await SiloWithSimulator.WaitUntilAsync(
                () =>
                {
                    var held = Simulator.SubscriptionsOf(venue).ToHashSet();
                    return names.All(c => symbols.All(s => held.Contains((c, s))));
                },
                $"{venue} subscribed {string.Join(",", names)} for {symbols.Count} symbols",
                cancellationToken);
        }

        Simulator.Resume();
    }

    /// <summary>Waits until the whole capture has played and every book of every venue is synced.</summary>
    public async Task WaitForPlaybackAndSyncAsync(CancellationToken cancellationToken)
    {
        await Simulator.PlaybackCompleted.WaitAsync(cancellationToken);
        var books = Silo.Services.GetRequiredService<BookDirectory>();
        await SiloWithSimulator.WaitUntilAsync(
            () => Simulator.Endpoints().All(e => e.Symbols.All(s => books.Books.TryGetValue(new(e.Venue, s), out var status) && status.State == BookSyncState.Synced)),
            "every book of every venue synced",
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.StopAsync();
        await Silo.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
