using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansFeed.Redis.Connection;
using OrleansFeed.Redis.Storage;
using Orleans.Providers;
using Orleans.Storage;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Silo.Redis;

namespace OrleansFeed.Redis.IntegrationTests.Hosting;

/// <summary>Verifies what SiloHost registers with and without the Redis section (no server needed: nothing starts).</summary>
public sealed class RedisIntegrationRegistrationTests
{
    private static (IServiceCollection Services, IServiceProvider Provider, IAsyncDisposable App) Build(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        IServiceCollection? captured = null;
        var app = SiloHost.Build(configuration, port: 0, services => captured = services);
        return (captured!, app.Services, app);
    }

    [Fact(Timeout = 20_000)]
    public async Task SiloHost_WithoutRedisSection_RegistersNothingOfRedis()
    {
        var (services, provider, app) = Build(("Api:Port", "0"));
        await using var _ = app;

        services.Should().NotContain(d => d.ServiceType == typeof(RedisConnection));
        services.Should().NotContain(d => d.ServiceType == typeof(ILastValueSource));
        provider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME).Should().BeOfType<MemoryGrainStorage>("memory storage is the default");
        provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).Should().NotContain("redis");
    }

    [Fact(Timeout = 20_000)]
    public async Task SiloHost_WithRedisSection_RegistersStorageReadinessAndPublisher()
    {
        var (services, provider, app) = Build(("Redis:ConnectionString", "127.0.0.1:1"));
        await using var _ = app;

        provider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME).Should().BeOfType<RedisGrainStorage>();
        services.Should().Contain(d => d.ServiceType == typeof(ILastValueSource) && d.ImplementationType == typeof(BookLastValueSource));
        services.Should().Contain(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(LastValuePublisher));
        var redis = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Single(r => r.Name == "redis");
        redis.Tags.Should().Contain("ready");
        redis.FailureStatus.Should().Be(HealthStatus.Degraded);
    }

    [Fact(Timeout = 20_000)]
    public async Task SiloHost_RedisSectionWithEnabledFalse_RegistersNothingOfRedis()
    {
        var (services, _, app) = Build(("Redis:ConnectionString", "127.0.0.1:1"), ("Redis:Enabled", "false"));
        await using var _ = app;

        services.Should().NotContain(d => d.ServiceType == typeof(RedisConnection));
    }

    [Fact(Timeout = 20_000)]
    public async Task SiloHost_ReadinessFailureStatusUnhealthy_RedisCheckReportsUnhealthyWhenDown()
    {
        var (_, provider, app) = Build(("Redis:ConnectionString", "127.0.0.1:1"), ("Redis:ReadinessFailureStatus", "Unhealthy"));
        await using var _ = app;

        provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Single(r => r.Name == "redis")
            .FailureStatus.Should().Be(HealthStatus.Unhealthy);
    }

    [Fact(Timeout = 5_000)]
    public async Task Validator_ReadinessFailureStatusHealthy_FailsNamingTheKey()
    {
        var result = new RedisOptionsValidator().Validate(null, new RedisOptions { ReadinessFailureStatus = HealthStatus.Healthy });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Redis:ReadinessFailureStatus");
        await Task.CompletedTask;
    }
}
