using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansFeed.Redis.Connection;
using OrleansFeed.Redis.Health;
using OrleansFeed.Redis.LastValues;
using OrleansFeed.Redis.Storage;
using Orleans.Providers;
using Orleans.Storage;

namespace OrleansFeed.Redis.Hosting;

/// <summary>
/// Registers the Redis provider, as Orleans' <c>RedisSiloBuilderExtensions</c>:
/// <c>services.AddRedis(configuration).AddRedisGrainStorage().AddRedisLastValues()</c> and
/// <c>services.AddHealthChecks().AddRedisHealthCheck()</c>.
/// </summary>
public static class RedisHostingExtensions
{
    /// <summary>
    /// Binds <see cref="RedisOptions"/> from the <c>Redis</c> section, validates them at start, and registers the
    /// shared <see cref="RedisConnection"/> (as <see cref="IRedisConnection"/>), <see cref="RedisHealth"/> and
    /// <see cref="TimeProvider.System"/> unless a TimeProvider is already registered. Nothing connects yet.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The root configuration (the <c>Redis</c> section is read from it).</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName));
        return services.AddRedisCore();
    }

    /// <summary>As <see cref="AddRedis(IServiceCollection, IConfiguration)"/>, configuring the options in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the defaults.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddRedis(this IServiceCollection services, Action<RedisOptions> configure)
    {
        services.AddOptions<RedisOptions>().Configure(configure);
        return services.AddRedisCore();
    }

    /// <summary>
    /// Makes <see cref="RedisGrainStorage"/> the silo's default Orleans grain storage (provider name
    /// <c>Default</c>), in place of the memory storage. Call after the silo's registration and after <c>AddRedis</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddRedisGrainStorage(this IServiceCollection services)
    {
        services.AddRedisCore();
        services.AddSingleton<RedisGrainStorage>();
        services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (sp, _) => sp.GetRequiredService<RedisGrainStorage>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="RedisLastValueWriter"/> as <see cref="ILastValueStore"/> and as a hosted service (its
    /// flush loop runs while the host runs).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddRedisLastValues(this IServiceCollection services)
    {
        services.AddRedisCore();
        services.TryAddSingleton<RedisLastValueWriter>();
        services.TryAddSingleton<ILastValueStore>(sp => sp.GetRequiredService<RedisLastValueWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisLastValueWriter>());
        return services;
    }

    /// <summary>Adds <see cref="RedisHealthCheck"/>, tagged <c>ready</c>.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check name. Default <c>redis</c>.</param>
    /// <param name="failureStatus">Reported while disconnected. Default Degraded: the silo serves without Redis.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddRedisHealthCheck(this IHealthChecksBuilder builder, string name = "redis",
        HealthStatus failureStatus = HealthStatus.Degraded)
    {
        builder.Services.AddRedisCore();
        return builder.AddCheck<RedisHealthCheck>(name, failureStatus, ["ready"]);
    }

    private static IServiceCollection AddRedisCore(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisHealth>();
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<IRedisConnection>(sp => sp.GetRequiredService<RedisConnection>());
        return services;
    }
}
