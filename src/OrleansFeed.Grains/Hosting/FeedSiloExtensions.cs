using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.Connectors.Placement;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Grains.FanOut.Relay;
using OrleansFeed.Grains.Hosting.Cluster;
using OrleansFeed.Grains.Serialization;
using OrleansFeed.Grains.Storage;

namespace OrleansFeed.Grains.Hosting;

/// <summary>Configures the Orleans silo the feed's grains run on.</summary>
public static class FeedSiloExtensions
{
    /// <summary>
    /// One silo with localhost clustering on the <c>Silo</c> ports and memory grain storage as the default storage (JSON
    /// state), or, when <c>Cluster:Redis</c> is set, a member of a Redis-clustered silo cluster with Redis grain storage
    /// (<see cref="SiloClusterOptions"/>, docs/cluster.md); the Core-type codec, the collection age and quantum of <see cref="SiloOptions"/>, the silo-local
    /// fan-out (<see cref="IStreamProvider"/>) with its cross-silo relay (<see cref="RelayHostingExtensions.AddFanOutRelay"/>) and the system clock unless one is registered (tests register the fake one).
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configuration">Configuration holding the optional <c>Silo</c> and <c>Cluster</c> sections.</param>
    /// <returns><paramref name="silo"/>.</returns>
    /// <exception cref="InvalidOperationException">The <c>Silo</c> or <c>Cluster</c> section is invalid (one line per problem).</exception>
    public static ISiloBuilder AddFeedSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new SiloOptions();
        configuration.GetSection(SiloOptions.SectionName).Bind(options);
        var cluster = new SiloClusterOptions();
        configuration.GetSection(SiloClusterOptions.SectionName).Bind(cluster);
        var problems = options.Validate().Concat(cluster.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        silo.UseFeedClustering(options, cluster, PortOrFree(options.SiloPort), PortOrFree(options.GatewayPort));
        silo.Configure<GrainCollectionOptions>(c =>
        {
            c.CollectionAge = options.CollectionAge;
            c.CollectionQuantum = options.CollectionQuantum;
        });
        silo.Services.AddSerializer(s => s.AddOrleansFeedSerialization());
        silo.Services.AddSingleton(options);
        silo.Services.AddSingleton(cluster);
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<ConnectorDirectory>();
        silo.Services.AddPlacementDirector<ConnectorSpreadPlacement, ConnectorSpreadPlacementDirector>();
        silo.Services.TryAddSingleton<InMemoryStreamProvider>();
        silo.Services.TryAddSingleton<IStreamProvider>(sp => sp.GetRequiredService<InMemoryStreamProvider>());
        silo.AddFanOutRelay(configuration);
        return silo;
    }

    private static int PortOrFree(int port)
    {
        if (port != 0)
        {
            return port;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
