using System.Globalization;
using Microsoft.Extensions.Configuration;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.OrderBooks;
using OrleansFeed.Simulator;
using OrleansFeed.TestKit.Captures;
using OrleansFeed.TestKit.Simulation;
using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.TestKit.Orleans;

/// <summary>
/// A two-silo cluster and the local simulator playing a recorded OKX session (order books with checksums, trades): the
/// venue's connector and its books on one silo (the producer silo), consumers on the other. Playback starts paused.
/// Grains of default placement activate on the silo of their first caller here.
/// </summary>
public sealed class CrossSiloPlayback : IAsyncDisposable
{
    /// <summary>The venue played.</summary>
    public const string Venue = "okx";

    private CrossSiloPlayback(FeedTestCluster cluster, ExchangeSimulator simulator, IReadOnlyList<string> symbols, int producer)
    {
        Cluster = cluster;
        Simulator = simulator;
        Symbols = symbols;
        Producer = producer;
    }

    /// <summary>The cluster.</summary>
    public FeedTestCluster Cluster { get; }

    /// <summary>The simulator playing the recording.</summary>
    public ExchangeSimulator Simulator { get; }

    /// <summary>The venue's symbols (one book each).</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Index of the silo holding the connector and the books.</summary>
    public int Producer { get; }

    /// <summary>Index of the other silo.</summary>
    public int Consumer => 1 - Producer;

    /// <summary>The venue's connector (on the producer silo).</summary>
    public IExchangeConnectorGrain Connector => Cluster.Grains(Producer).GetGrain<IExchangeConnectorGrain>(Venue);

    /// <summary>Starts the simulator (paused) and the cluster, places the connector and activates its books on its silo.</summary>
    /// <param name="extra">More settings for every silo.</param>
    /// <param name="configureSilo">More registrations for every silo (e.g. the NATS bridge).</param>
    /// <param name="frameDelay">Pause between played frames (zero: as fast as possible), so consumers follow deltas rather than catch up by snapshot.</param>
    /// <returns>The started playback.</returns>
    public static async Task<CrossSiloPlayback> StartAsync(IDictionary<string, string?>? extra = null, Action<ISiloBuilder, IConfiguration>? configureSilo = null, TimeSpan frameDelay = default)
    {
        var files = SharedData.Files("okx").Where(f => f.Contains("2021-07-22", StringComparison.Ordinal)).ToArray();
        var simulator = ExchangeSimulator.FromFiles(files, new SimulatorOptions { MaxSendQueue = TestSimulator.MaxSendQueue, PlaybackSpeed = 0, FrameDelay = frameDelay });
        FeedTestCluster? cluster = null;
        try
        {
            simulator.Pause();
            await simulator.StartAsync();
            var endpoint = simulator.Endpoints().Single(e => e.Venue == Venue);
            var settings = new Dictionary<string, string?>(endpoint.Settings())
            {
                [$"Feed:Venues:{Venue}:ReconnectMinDelay"] = "00:00:00.050",
                [$"Feed:Venues:{Venue}:ReconnectMaxDelay"] = "00:00:00.200",
                ["Relay:ReattachDelay"] = "00:00:00.200",
                ["Relay:RetryDelay"] = "00:00:00.200",
            };
            foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            for (var i = 0; i < endpoint.Symbols.Count; i++)
            {
                settings[$"Feed:Venues:{Venue}:Symbols:{i.ToString(CultureInfo.InvariantCulture)}"] = endpoint.Symbols[i];
            }

            cluster = await FeedTestCluster.StartAsync(2, settings, (silo, configuration) =>
            {
                // Grains of default placement (connector, aggregator) activate where first called, so a test decides
                // on which silo they live.
                silo.Services.AddSingleton<PlacementStrategy>(new PreferLocalPlacement());
                configureSilo?.Invoke(silo, configuration);
            });

            // The producer silo is wherever the connector was activated (silo 0, placed locally).
            var connector = cluster.Grains(0).GetGrain<IExchangeConnectorGrain>(Venue);
            await connector.GetStatusAsync();
            if (!cluster.Cluster.TryGetGrainContext(connector.GetGrainId(), out var context))
            {
                throw new InvalidOperationException("The connector is not active on any silo.");
            }

            var producer = cluster.Address(0).Equals(context!.Address.SiloAddress) ? 0 : 1;

            // As the silo's startup does: the books are activated on their connector's silo before any event flows.
            foreach (var symbol in endpoint.Symbols)
            {
                await cluster.Grains(producer).GetGrain<IOrderBookGrain>(Key(symbol)).EnsureActiveAsync();
            }

            return new CrossSiloPlayback(cluster, simulator, endpoint.Symbols, producer);
        }
        catch
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            await simulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>The book key of a symbol.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns><c>okx:symbol</c>.</returns>
    public static string Key(string symbol) => $"{Venue}:{symbol}";

    /// <summary>The books active on a silo.</summary>
    /// <param name="silo">Silo index.</param>
    /// <returns>Its book directory.</returns>
    public BookDirectory Books(int silo) => Cluster.Services(silo).GetRequiredService<BookDirectory>();

    /// <summary>Starts the connector and plays the whole recording once the connector subscribed every symbol.</summary>
    /// <param name="cancellationToken">Gives up.</param>
    /// <returns>Completes when every book is synced after the playback.</returns>
    public async Task PlayAsync(CancellationToken cancellationToken)
    {
        await Connector.StartAsync();
        await Simulator.WaitForClientsAsync(1, cancellationToken);
        await Poll.UntilAsync(() => Symbols.All(s => Simulator.SubscriptionsOf(Venue).Any(h => h.Symbol == s)), "every symbol subscribed", cancellationToken);
        Simulator.Resume();
        await Simulator.PlaybackCompleted.WaitAsync(cancellationToken);
        await Poll.UntilAsync(
            () => Symbols.All(s => Books(Producer).Books.TryGetValue(new BookKey(Venue, s), out var status) && status.State == BookSyncState.Synced),
            "every book synced on the producer silo",
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connector.StopAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
            await Simulator.DisposeAsync();
        }
    }
}
