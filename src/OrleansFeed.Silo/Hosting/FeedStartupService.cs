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

namespace OrleansFeed.Silo.Hosting;

/// <summary>
/// At silo start: registers the configured instruments, activates their <c>OrderBookGrain</c>s (so they subscribe
/// before any event flows) and starts each venue's <c>ExchangeConnectorGrain</c>.
/// </summary>
/// <param name="feed">Configured venues.</param>
/// <param name="venues">Venue adapters.</param>
/// <param name="catalog">Instrument catalog.</param>
/// <param name="grains">Grain factory.</param>
/// <param name="aggregators">Activates the aggregators between books and connectors, so they see the first event; null without aggregation.</param>
public sealed class FeedStartupService(IOptions<FeedOptions> feed, VenueRegistry venues, IInstrumentCatalog catalog, IGrainFactory grains, AggregatorStartupService? aggregators = null) : IHostedService
{
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

            await grains.GetGrain<IOrderBookGrain>(key.ToString()).EnsureActiveAsync().ConfigureAwait(false);
        }

        if (aggregators is not null)
        {
            await aggregators.ActivateAllAsync().ConfigureAwait(false);
        }

        foreach (var (venue, _) in feed.Value.EnabledVenues)
        {
            await grains.GetGrain<IExchangeConnectorGrain>(venue).StartAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>Hosted services stop in reverse order, so this runs before the Orleans silo stops: the connectors close
    /// their connections first, and no batch is on its way to a book that is being deactivated.</remarks>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var (venue, _) in feed.Value.EnabledVenues)
        {
            try
            {
                await grains.GetGrain<IExchangeConnectorGrain>(venue).StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Shutting down anyway: the silo deactivates the connector, which cancels its connections too.
            }
        }
    }
}
