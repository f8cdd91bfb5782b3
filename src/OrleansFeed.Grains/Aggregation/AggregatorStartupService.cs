using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>
/// At silo start, after the books: activates one <see cref="IAggregatorGrain"/> per instrument that at least one
/// configured venue trades, so NBBO, stats and candles are computed from the first event without waiting for a client.
/// </summary>
/// <param name="options">Aggregation settings (the currency policy decides the keys).</param>
/// <param name="catalog">Instrument catalog, filled by the feed startup.</param>
/// <param name="grains">Grain factory.</param>
public sealed class AggregatorStartupService(IOptions<AggregationOptions> options, IInstrumentCatalog catalog, IGrainFactory grains) : IHostedService
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
    public Task StartAsync(CancellationToken cancellationToken) => ActivateAllAsync();

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
