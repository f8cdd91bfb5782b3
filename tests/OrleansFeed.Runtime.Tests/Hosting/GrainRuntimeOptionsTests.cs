using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansFeed.Runtime.Hosting;
using OrleansFeed.Runtime.Storage;
using OrleansFeed.Runtime.Streams;
using OrleansFeed.Runtime.Tests.Infrastructure;

namespace OrleansFeed.Runtime.Tests.Hosting;

/// <summary>Verifies runtime registration: defaults, start-time validation naming Runtime:Key, replaceable services.</summary>
public sealed class GrainRuntimeOptionsTests
{
    [Fact]
    public void Options_Defaults_MatchOrleansCollectionDefaults()
    {
        var options = new GrainRuntimeOptions();

        options.CollectionAge.Should().Be(TimeSpan.FromMinutes(15));
        options.CollectionQuantum.Should().Be(TimeSpan.FromMinutes(1));
        new GrainRuntimeOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(0, 1, 30, "Runtime:CollectionAge")]
    [InlineData(1, 1, 30, "Runtime:CollectionAge*Runtime:CollectionQuantum")]
    [InlineData(10, 0, 30, "Runtime:CollectionQuantum")]
    [InlineData(10, 1, 0, "Runtime:DeactivationTimeout")]
    public async Task Start_InvalidOptions_ThrowsNamingSectionAndKey(int ageMinutes, int quantumMinutes, int timeoutSeconds, string expected)
    {
        await using var runtime = RuntimeHarness.Create(o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(ageMinutes);
            o.CollectionQuantum = TimeSpan.FromMinutes(quantumMinutes);
            o.DeactivationTimeout = TimeSpan.FromSeconds(timeoutSeconds);
        });

        // Resolving the catalog reads the options too, so start and first use both fail the same way.
        await FluentActions.Awaiting(runtime.StartHostedAsync).Should().ThrowAsync<OptionsValidationException>().WithMessage($"*{expected}*");
    }

    [Fact]
    public void AddGrainRuntime_ServicesRegisteredBefore_AreKept()
    {
        var services = new ServiceCollection();
        var time = new ManualTimeProvider();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IGrainStorage, FakeStorage>();
        services.AddGrainRuntime();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(time);
        provider.GetRequiredService<IGrainStorage>().Should().BeOfType<FakeStorage>();
        provider.GetRequiredService<IStreamProvider>().Should().BeSameAs(provider.GetRequiredService<InMemoryStreamProvider>());
    }

    private sealed class FakeStorage : IGrainStorage
    {
        public Task<TState?> ReadStateAsync<TState>(GrainId grainId, CancellationToken cancellationToken = default)
            where TState : class => Task.FromResult<TState?>(null);

        public Task WriteStateAsync<TState>(GrainId grainId, TState state, CancellationToken cancellationToken = default)
            where TState : class => Task.CompletedTask;

        public Task ClearStateAsync(GrainId grainId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
