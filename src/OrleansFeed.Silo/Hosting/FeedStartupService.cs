using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Grains.Hosting.Cluster;

namespace OrleansFeed.Silo.Hosting;

/// <summary>
/// At silo start: registers the configured instruments in this silo's catalog, activates the aggregators and, on a
/// single silo, starts each venue's <c>ExchangeConnectorGrain</c> (which activates its <c>OrderBookGrain</c>s before it
/// connects, so they exist before any event flows and live on its silo). In a cluster the
/// <see cref="ConnectorSupervisor"/> places the connectors once the expected silos joined. At shutdown the connectors
/// active on this silo close their connections; the survivors' supervisors re-activate them elsewhere.
/// </summary>
/// <param name="feed">Configured venues.</param>
/// <param name="venues">Venue adapters.</param>
/// <param name="catalog">Instrument catalog.</param>
/// <param name="grains">Grain factory.</param>
/// <param name="cluster">Cluster settings: with <c>Cluster:Redis</c> connectors are placed by the supervisor.</param>
/// <param name="localConnectors">The connectors active on this silo (stopped at shutdown).</param>
/// <param name="aggregators">Activates the aggregators before the connectors, so they see the first event; null without aggregation.</param>
public sealed class FeedStartupService(IOptions<FeedOptions> feed, VenueRegistry venues, IInstrumentCatalog catalog, IGrainFactory grains, SiloClusterOptions cluster, ConnectorDirectory localConnectors, AggregatorStartupService? aggregators = null) : IHostedLifecycleService
{
    // How long the connectors together may take to close their connections at shutdown (each already bounds its own
    // close): the rest of the host's shutdown budget stays for Orleans, which deactivates the grains after this.
    private static readonly TimeSpan ConnectorStopBudget = TimeSpan.FromSeconds(10);

    /// <summary>The configured book keys (readiness waits for all of them).</summary>
    public static IEnumerable<BookKey> ConfiguredBooks(FeedOptions feed, VenueRegistry venues) =>
        feed.EnabledVenues.SelectMany(v => v.Value.Symbols.Select(s => new BookKey(v.Key, venues.TryGet(v.Key, out var p) ? p.NormalizeSymbol(s) : s)));

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var key in ConfiguredBooks(feed.Value, venues))
        {
            if (venues.TryGet(key.Venue, out var protocol))
            {
                catalog.AddOrUpdate(protocol.InferInstrument(key.Symbol));
            }
        }

        if (cluster.Enabled)
        {
            // The supervisor places the connectors, then activates the aggregators (after the books exist beside them).
            return;
        }

        if (aggregators is not null)
        {
            await aggregators.ActivateAllAsync().ConfigureAwait(false);
        }

        // Venues are independent: each connector activates its books and opens its connections while the others do.
        await Task.WhenAll(feed.Value.EnabledVenues.Select(v => grains.GetGrain<IExchangeConnectorGrain>(v.Key).StartAsync())).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    /// <remarks>Runs in the host's "stopping" phase, before any service's <c>StopAsync</c>: Orleans' silo starts its own
    /// shutdown (deactivating grains) in that phase too, and services stop in reverse registration order, so the
    /// connectors close their connections while the silo still answers, and no batch is on its way to a book that is
    /// being deactivated. Bounded by <see cref="ConnectorStopBudget"/>: a connector that does not answer in time is
    /// deactivated by the silo anyway, which cancels its connections too.</remarks>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(ConnectorStopBudget);
        // Only this silo's connectors: in a cluster the others keep running on their silos.
        var stops = localConnectors.Venues.Select(v => grains.GetGrain<IExchangeConnectorGrain>(v).StopAsync());
        try
        {
            await Task.WhenAll(stops).WaitAsync(budget.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or OrleansException)
        {
            // Shutting down anyway: the silo deactivates the connectors, which cancels their connections too.
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
