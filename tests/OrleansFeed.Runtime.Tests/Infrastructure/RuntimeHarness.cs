using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansFeed.Runtime.Catalog;
using OrleansFeed.Runtime.Hosting;
using OrleansFeed.Runtime.Streams;

namespace OrleansFeed.Runtime.Tests.Infrastructure;

/// <summary>A started grain runtime on a manual clock, with the test grains registered.</summary>
public sealed class RuntimeHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;
    private bool _stopped;

    private RuntimeHarness(ServiceProvider services)
    {
        _services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
    }

    public ManualTimeProvider Time => (ManualTimeProvider)_services.GetRequiredService<TimeProvider>();

    public GrainProbe Probe => _services.GetRequiredService<GrainProbe>();

    public IGrainFactory Grains => _services.GetRequiredService<IGrainFactory>();

    public IGrainCatalog Catalog => _services.GetRequiredService<IGrainCatalog>();

    internal GrainCatalog InternalCatalog => _services.GetRequiredService<GrainCatalog>();

    public IStreamProvider Streams => _services.GetRequiredService<IStreamProvider>();

    public static async Task<RuntimeHarness> StartAsync(Action<GrainRuntimeOptions>? configure = null)
    {
        var harness = Create(configure);
        foreach (var service in harness._hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return harness;
    }

    public static RuntimeHarness Create(Action<GrainRuntimeOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        services.AddSingleton<GrainProbe>();
        services.AddGrainRuntime(configure ?? (o => o.CollectionAge = TimeSpan.FromMinutes(10)));
        services.AddGrain<IProbeGrain, ProbeGrain>();
        services.AddGrain<ITimerGrain, TimerGrain>();
        services.AddGrain<IStreamConsumerGrain, StreamConsumerGrain>();
        return new RuntimeHarness(services.BuildServiceProvider());
    }

    public Task StartHostedAsync() => Task.WhenAll(_hosted.Select(h => h.StartAsync(CancellationToken.None)));

    public async Task StopAsync()
    {
        _stopped = true;
        foreach (var service in _hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }

        await _services.DisposeAsync();
    }
}
