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
    /// <remarks>All at once, not one after the other: each activation awaits its own state reads, and none needs another.
    /// Connectors start only after this completes, so the silo's start waits for it (docs/benchmarks.md, "Start to ready,
    /// second pass").</remarks>
    public Task ActivateAllAsync() =>
        Task.WhenAll(AggregationKeys.All(catalog, options.Value.QuoteCurrencyPolicy).Select(key => grains.GetGrain<IAggregatorGrain>(key).EnsureActiveAsync()));

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => cluster?.Enabled == true ? Task.CompletedTask : ActivateAllAsync();

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
