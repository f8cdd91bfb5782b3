using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using OrleansFeed.Silo.Commands;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;

namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>
/// What <c>run --simulate</c> does, in process: the same simulator start and overrides
/// (<see cref="SimulatorOverrides.StartSimulatorAsync"/>), a silo on a free port, and the same playback gate.
/// </summary>
internal sealed class SimulatedRun : IAsyncDisposable
{
    private SimulatedRun(ExchangeSimulator simulator, WebApplication silo)
    {
        Simulator = simulator;
        Silo = silo;
    }

    public ExchangeSimulator Simulator { get; }

    public WebApplication Silo { get; }

    public IGrainFactory Grains => Silo.Services.GetRequiredService<IGrainFactory>();

    public static async Task<SimulatedRun> StartAsync(IReadOnlyList<string> inputs, double speed, CancellationToken cancellationToken)
    {
        var (simulator, overrides) = await SimulatorOverrides.StartSimulatorAsync(inputs, speed, new ConfigurationBuilder().Build(), cancellationToken);
        var settings = new Dictionary<string, string?>(overrides) { ["Logging:LogLevel:Default"] = "Warning" };
        var silo = SiloHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), port: 0);
        await silo.StartAsync(cancellationToken);
        var run = new SimulatedRun(simulator, silo);
        (await SimulatorPlaybackGate.OpenWhenSubscribedAsync(silo.Services, simulator, cancellationToken)).Should().BeTrue("every connection subscribes");
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.StopAsync(CancellationToken.None);
        await Silo.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
