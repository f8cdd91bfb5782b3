using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.TestingHost;
using OrleansFeed.Exchanges;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Grains.Hosting;
using OrleansFeed.Grains.Instruments;
using OrleansFeed.Grains.OrderBooks;
using OrleansFeed.Grains.Serialization;

namespace OrleansFeed.TestKit.Orleans;

/// <summary>
/// Several real silos of one Orleans cluster in this process (Orleans' <see cref="InProcessTestCluster"/>: in-memory
/// membership and transport), each set up with the service's own <c>AddFeedSilo</c> (grains, fan-out and its cross-silo
/// relay, memory storage) plus the services of connectors and books (<c>Feed</c> options, venue registry, instrument
/// catalog, book directory, HTTP clients); no API, no startup service: a test activates what it needs where it wants. The
/// system clock runs (relay and membership timers are real), so tests wait with <see cref="TestSilo.UntilAsync{T}"/>.
/// </summary>
public sealed class FeedTestCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private FeedTestCluster(InProcessTestCluster cluster) => _cluster = cluster;

    /// <summary>The Orleans test cluster (kill, stop, deactivate, its own client).</summary>
    public InProcessTestCluster Cluster => _cluster;

    /// <summary>The silos, in start order.</summary>
    public IReadOnlyList<InProcessSiloHandle> Silos => _cluster.Silos;

    /// <summary>Starts <paramref name="silos"/> silos and the cluster's client.</summary>
    /// <param name="silos">How many silos (2 or 3 in the tests).</param>
    /// <param name="settings">Configuration of every silo (e.g. <c>Relay:*</c>).</param>
    /// <param name="configureSilo">Extra registrations of every silo (given the silos' configuration).</param>
    /// <returns>The deployed cluster.</returns>
    public static async Task<FeedTestCluster> StartAsync(short silos, IDictionary<string, string?>? settings = null, Action<ISiloBuilder, IConfiguration>? configureSilo = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var builder = new InProcessTestClusterBuilder(silos);

        // The test cluster would write a log file per silo into the working directory (the repository, for the benchmark).
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddFeedSilo(configuration);
            silo.Services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.SectionName));
            silo.Services.AddSingleton(sp => AllVenues.Registry().Configure(sp.GetRequiredService<IOptions<FeedOptions>>().Value.Venues));
            silo.Services.AddSingleton<CaptureRecorder>();
            silo.Services.AddHttpClient();
            silo.Services.AddSingleton<IInstrumentCatalog, InstrumentCatalog>();
            silo.Services.AddSingleton<BookDirectory>();
            configureSilo?.Invoke(silo, configuration);
            WithoutSerializerCheck(silo.Services);
        });
        builder.ConfigureClient(client =>
        {
            client.Services.AddSerializer(s => s.AddOrleansFeedSerialization());
            WithoutSerializerCheck(client.Services);
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync().WaitAsync(TestSilo.Timeout);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new FeedTestCluster(cluster);
    }

    /// <summary>A silo's services.</summary>
    /// <param name="silo">Index in <see cref="Silos"/>.</param>
    /// <returns>The service provider.</returns>
    public IServiceProvider Services(int silo) => _cluster.Silos[silo].ServiceProvider;

    /// <summary>A silo's grain factory: calls made through it come from that silo (a <c>[PreferLocalPlacement]</c> book first called here lives here).</summary>
    /// <param name="silo">Index in <see cref="Silos"/>.</param>
    /// <returns>The grain factory.</returns>
    public IGrainFactory Grains(int silo) => Services(silo).GetRequiredService<IGrainFactory>();

    /// <summary>A silo's fan-out.</summary>
    /// <param name="silo">Index in <see cref="Silos"/>.</param>
    /// <returns>The stream provider.</returns>
    public IStreamProvider Streams(int silo) => Services(silo).GetRequiredService<IStreamProvider>();

    /// <summary>A silo's address.</summary>
    /// <param name="silo">Index in <see cref="Silos"/>.</param>
    /// <returns>The address.</returns>
    public SiloAddress Address(int silo) => _cluster.Silos[silo].SiloAddress;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync().WaitAsync(TestSilo.Timeout);
        await _cluster.DisposeAsync();
    }

    // The test cluster runs as Development, where Orleans rejects grain interfaces with types it cannot serialize; the
    // connector's BookEventBatch is one on purpose (in-silo only: a book lives with its connector, and the batch passes
    // by reference). Production hosts skip this check too.
    private static void WithoutSerializerCheck(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ImplementationType == typeof(SerializerConfigurationValidator)).ToList())
        {
            services.Remove(descriptor);
        }
    }

}
