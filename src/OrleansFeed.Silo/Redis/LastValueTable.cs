using Microsoft.Extensions.DependencyInjection;

namespace OrleansFeed.Silo.Redis;

/// <summary>
/// The last-value table: which silo streams are written to Redis as last values. One line per row; applied by
/// <see cref="RedisIntegrationExtensions.AddRedisIntegration"/> only when Redis is configured.
/// </summary>
internal static class LastValueTable
{
    public static IServiceCollection AddLastValueTable(this IServiceCollection services) => services
        // ticker + bbo of every configured venue:symbol (streams book-deltas, trades, venue-bbo; values from the book grain).
        .AddBookLastValues();

    // The aggregator's streams, keyed by canonical instrument, go here when it is merged, one line each, e.g.:
    //   .AddInstrumentLastValues<NbboQuote>(StreamNamespaces.Nbbo, LastValueKinds.Nbbo, NbboJson.Write)
    //   .AddInstrumentLastValues<InstrumentStats>(StreamNamespaces.Stats, LastValueKinds.Stats, StatsJson.Write)
}
