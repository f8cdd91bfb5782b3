using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;

using OrleansFeed.Grains.Hosting.Cluster;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>
/// At silo start, after the books: activates one <see cref="IAggregatorGrain"/> per instrument that at least one
/// configured venue trades, so NBBO, stats and candles are computed from the first event without waiting for a client.
/// </summary>
/// <param name="options">Aggregation settings (the currency policy decides the keys).</param>
/// <param name="catalog">Instrument catalog, filled by the feed startup.</param>
/// <param name="grains">Grain factory.</param>
/// <param name="cluster">Cluster settings: in a silo cluster the connector supervisor activates the aggregators once
/// the connectors (and so the books, beside them) are placed, so an aggregator's first read of a book never places the
/// book on the aggregator's silo.</param>
public sealed class AggregatorStartupService(IOptions<AggregationOptions> options, IInstrumentCatalog catalog, IGrainFactory grains, SiloClusterOptions? cluster = null) : IHostedService
{
    /// <summary>Activates every aggregator of the catalog; idempotent, callable again after instruments were added.</summary>
    /// <returns>Completes when every aggregator is active.</returns>
    public async Task ActivateAllAsync()
    {
        foreach (var key in AggregationKeys.All(catalog, options.Value.QuoteCurrencyPolicy))
        {
            await grains.GetGrain<IAggregatorGrain>(key).EnsureActiveAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => cluster?.Enabled == true ? Task.CompletedTask : ActivateAllAsync();

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
