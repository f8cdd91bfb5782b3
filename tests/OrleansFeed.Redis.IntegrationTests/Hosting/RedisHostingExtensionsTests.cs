using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansFeed.Redis.Hosting;
using OrleansFeed.Redis.LastValues;
using OrleansFeed.Redis.Storage;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using OrleansFeed.TestKit.Ports;

namespace OrleansFeed.Redis.IntegrationTests.Hosting;

/// <summary>Verifies registration: Redis storage replaces in-memory storage, bad config fails start, and health degrades with no server.</summary>
public sealed class RedisHostingExtensionsTests
{
    private sealed class InMemoryStorage : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact(Timeout = 10_000)]
    public async Task AddRedisGrainStorage_AfterInMemory_ReplacesIt()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddKeyedSingleton<IGrainStorage, InMemoryStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        services.AddRedis(Config(("Redis:KeyPrefix", "test"))).AddRedisGrainStorage().AddRedisLastValues();

        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME).Should().BeOfType<RedisGrainStorage>();
        provider.GetRequiredService<ILastValueStore>().Should().BeSameAs(provider.GetRequiredService<RedisLastValueWriter>());
        provider.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix.Should().Be("test");
    }

    [Fact(Timeout = 10_000)]
    public async Task HostStart_WithInvalidOptions_FailsNamingSectionAndKey()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddRedis(Config(("Redis:LastValueMaxKeys", "0")));
        using var host = builder.Build();

        var start = () => host.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("Redis:LastValueMaxKeys");
    }

    [Fact(Timeout = 15_000)]
    public async Task HealthCheck_WithNoServerListening_ReportsDegraded()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddRedis(o =>
        {
            o.ConnectionString = $"127.0.0.1:{FreePort.Next()}";
            o.ConnectTimeout = TimeSpan.FromMilliseconds(300);
        });
        services.AddHealthChecks().AddRedisHealthCheck();
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);

        report.Entries["redis"].Status.Should().Be(HealthStatus.Degraded);
        report.Entries["redis"].Data["connected"].Should().Be(false);
    }
}
