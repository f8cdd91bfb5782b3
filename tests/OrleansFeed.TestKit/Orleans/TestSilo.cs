using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.Hosting;
using OrleansFeed.Grains.Hosting;
using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.TestKit.Orleans;

/// <summary>
/// A real in-process Orleans silo (the service's own <c>AddFeedSilo</c> setup: localhost clustering on free ports, a
/// fresh cluster id, memory storage) driven by the suite's one fake clock, <see cref="FakeTimeProvider"/>: grain
/// timers and grain code read it, so a test advances time instead of waiting for it.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    /// <summary>How long a test waits for anything (start, a grain call, a condition): generous for a loaded 2-core machine.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan StartStep = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SlowStep = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(2);

    private readonly IHost _host;

    private TestSilo(IHost host, FakeTimeProvider clock)
    {
        _host = host;
        Clock = clock;
    }

    /// <summary>The fake clock (starts at 2026-01-01 00:00 UTC).</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The silo's grain factory.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Builds and starts a silo.</summary>
    /// <param name="settings">Configuration (e.g. <c>Aggregation:*</c>, <c>Silo:CollectionAge</c>); ports and cluster id are set here.</param>
    /// <param name="configureSilo">Grain and service registrations of the test (after the silo's own, so they replace its defaults).</param>
    /// <param name="clock">The fake clock to use; a new one when null.</param>
    /// <returns>The started silo.</returns>
    public static async Task<TestSilo> StartAsync(IDictionary<string, string?>? settings, Action<ISiloBuilder, IConfiguration> configureSilo, FakeTimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(configureSilo);
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var all = new Dictionary<string, string?>
        {
            ["Silo:SiloPort"] = "0",
            ["Silo:GatewayPort"] = "0",
            ["Silo:ClusterId"] = $"test-{Guid.NewGuid():N}",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.UseOrleans(silo =>
        {
            silo.AddFeedSilo(configuration);
            configureSilo(silo, configuration);
        });
        var host = builder.Build();
        try
        {
            // Orleans' start-up and shutdown wait on its own timers (membership, directory), which run on the fake
            // clock too: the clock is moved on in small steps until the silo is up, then it stands still for the test.
            await WhileAdvancingAsync(host.StartAsync(), clock);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestSilo(host, clock);
    }

    /// <summary>Polls <paramref name="query"/> until <paramref name="condition"/> holds (grains handle fan-out events in their own turns).</summary>
    /// <typeparam name="T">The answer type.</typeparam>
    /// <param name="query">A grain query.</param>
    /// <param name="condition">The awaited state.</param>
    /// <param name="because">What is awaited, for the failure message.</param>
    /// <returns>The first answer that satisfies the condition.</returns>
    /// <exception cref="TimeoutException">Not within <see cref="Timeout"/>.</exception>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> query, Func<T, bool> condition, string because)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var timeout = new CancellationTokenSource(Timeout);
        return await Poll.UntilAsync(() => query().WaitAsync(Timeout), condition, $"{because} (within {Timeout})", timeout.Token);
    }

    /// <summary>Stops the silo (deactivating every grain).</summary>
    /// <returns>Completes when stopped.</returns>
    public Task StopAsync() => WhileAdvancingAsync(_host.StopAsync(), Clock);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }

    private static async Task WhileAdvancingAsync(Task operation, FakeTimeProvider clock)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var advanced = TimeSpan.Zero;
        while (!operation.IsCompleted && !timeout.IsCancellationRequested)
        {
            // Quick steps at first (a start normally needs a few), then slow ones: on a loaded machine a long start
            // must not age the test's arranged data by more than a couple of seconds of fake time.
            var step = advanced < StartBudget ? StartStep : SlowStep;
            clock.Advance(step);
            advanced += step;
            await Task.WhenAny(operation, Task.Delay(10));
        }

        await operation.WaitAsync(Timeout);
    }
}
