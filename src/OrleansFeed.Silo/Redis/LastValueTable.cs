using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Api.Contracts.Aggregation;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Redis.LastValues;

namespace OrleansFeed.Silo.Redis;

/// <summary>
/// The last-value table: which silo streams are written to Redis as last values. One line per row; applied by
/// <see cref="RedisIntegrationExtensions.AddRedisIntegration"/> only when Redis is configured.
/// </summary>
internal static class LastValueTable
{
    public static IServiceCollection AddLastValueTable(this IServiceCollection services) => services
        // ticker + bbo of every configured venue:symbol (streams book-deltas, trades, venue-bbo; values from the book grain).
        .AddBookLastValues()
        // The aggregator's streams, keyed by aggregator key; the values are the REST bodies of /api/v1/nbbo and /api/v1/stats.
        .AddInstrumentLastValues<AggregatedNbbo>(StreamNamespaces.Nbbo, LastValueKinds.Nbbo, (w, n) => JsonSerializer.Serialize(w, AggregationMapper.ToDto(n)))
        .AddInstrumentLastValues<AggregatedStats>(StreamNamespaces.Stats, LastValueKinds.Stats, (w, s) => JsonSerializer.Serialize(w, AggregationMapper.ToDto(s)));
}
