using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansFeed.Api.Health;
using Microsoft.Extensions.Options;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Instruments;
using OrleansFeed.Redis;
using OrleansFeed.Redis.Hosting;
using OrleansFeed.Redis.LastValues;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Silo.Redis;

/// <summary>Switches the silo onto Redis when the <c>Redis</c> configuration section is present (docs/redis.md).</summary>
public static class RedisIntegrationExtensions
{
    /// <summary>
    /// When the <c>Redis</c> section exists and <c>Redis:Enabled</c> is not false: Redis grain storage (replacing the
    /// in-memory one), the
    /// <c>redis</c> readiness check (tag <c>ready</c>; reports <c>Redis:ReadinessFailureStatus</c>, default Degraded,
    /// while disconnected), the last-value writer, and <see cref="LastValuePublisher"/> over the
    /// <see cref="LastValueTable"/>. Without the section nothing is registered and the silo runs as before.
    /// </summary>
    /// <param name="services">The silo's services; call after the Orleans silo and the feed startup service.</param>
    /// <param name="configuration">The silo configuration.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="InvalidOperationException"><c>Redis:Enabled</c> or <c>Redis:ReadinessFailureStatus</c> cannot be parsed (message names the key).</exception>
    /// <remarks>Other <c>Redis</c> keys are validated at start (<see cref="RedisOptionsValidator"/>).</remarks>
    public static IServiceCollection AddRedisIntegration(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RedisOptions.SectionName);
        if (!section.Exists() || !section.GetValue(nameof(RedisOptions.Enabled), true))
        {
            return services;
        }

        var failureStatus = section.GetValue(nameof(RedisOptions.ReadinessFailureStatus), HealthStatus.Degraded);
        services.AddRedis(configuration).AddRedisGrainStorage().AddRedisLastValues();
        services.AddHealthChecks().AddRedisHealthCheck(failureStatus: failureStatus);
        services.AddLastValueTable();
        services.AddHostedService<LastValuePublisher>();
        return services;
    }

    /// <summary>Registers <see cref="BookLastValueSource"/> (<c>ticker</c> and <c>bbo</c> of every configured book).</summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddBookLastValues(this IServiceCollection services) =>
        services.AddSingleton<ILastValueSource, BookLastValueSource>();

    /// <summary>
    /// Registers a row of the last-value table for an instrument-keyed stream: the latest <typeparamref name="T"/> on
    /// <c>{streamNamespace}/{aggregator key}</c> is written to <c>{prefix}:lv:{kind}:{aggregator key}</c> (the NBBO group
    /// key of the canonical instrument under <c>Aggregation:QuoteCurrencyPolicy</c>; the canonical name by default).
    /// </summary>
    /// <typeparam name="T">The event type the stream's producer publishes.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="streamNamespace">The stream namespace, e.g. <c>nbbo</c>.</param>
    /// <param name="kind">The last-value kind (<see cref="LastValueKinds"/>), e.g. <c>nbbo</c>.</param>
    /// <param name="write">Writes one event as one JSON object; prices and sizes as decimal strings.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddInstrumentLastValues<T>(this IServiceCollection services, string streamNamespace, string kind,
        Action<Utf8JsonWriter, T> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamNamespace);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(write);
        return services.AddSingleton<ILastValueSource>(sp => new InstrumentLastValueSource<T>(
            streamNamespace, kind, write,
            sp.GetRequiredService<IConfiguredBooks>(),
            sp.GetRequiredService<IInstrumentCatalog>(),
            sp.GetRequiredService<IOptions<AggregationOptions>>().Value.QuoteCurrencyPolicy,
            sp.GetRequiredService<IStreamProvider>(),
            sp.GetRequiredService<ILastValueStore>(),
            sp.GetRequiredService<TimeProvider>()));
    }
}
