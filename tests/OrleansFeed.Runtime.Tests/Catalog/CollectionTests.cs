using OrleansFeed.Runtime.Tests.Infrastructure;

namespace OrleansFeed.Runtime.Tests.Catalog;

/// <summary>Verifies deactivation: idle collection on the fake clock, DeactivateOnIdle, busy activations kept, silo stop.</summary>
public sealed class CollectionTests
{
    private static readonly TimeSpan Age = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task IdleActivation_OlderThanCollectionAge_IsCollectedAndNextCallReactivates()
    {
        await using var runtime = await RuntimeHarness.StartAsync(o => o.CollectionAge = Age);
        var grain = runtime.Grains.GetGrain<IProbeGrain>("idle");
        await grain.IncrementAsync().WithTimeout();

        // The hosted collector ticks every quantum (1 min) on the manual clock.
        runtime.Time.Advance(Age + TimeSpan.FromMinutes(2));

        (await runtime.Probe.Deactivated.Task.WithTimeout()).Should().Be(DeactivationReason.Idle);
        Bounded.Until(() => runtime.Catalog.ActivationCount == 0, "the collected activation leaves the catalog");
        (await grain.IncrementAsync().WithTimeout()).Should().Be(1, "a fresh activation starts from new state");
        runtime.Probe.Activations("idle").Should().Be(2);
    }

    [Fact]
    public async Task RecentlyUsedActivation_YoungerThanCollectionAge_IsKept()
    {
        await using var runtime = RuntimeHarness.Create(o => o.CollectionAge = Age);
        var grain = runtime.Grains.GetGrain<IProbeGrain>("recent");
        await grain.IncrementAsync().WithTimeout();
        runtime.Time.Advance(Age - TimeSpan.FromMinutes(1));
        await grain.IncrementAsync().WithTimeout();
        runtime.Time.Advance(TimeSpan.FromMinutes(2));

        (await runtime.InternalCatalog.CollectIdleAsync(CancellationToken.None).WithTimeout()).Should().Be(0);
        runtime.Catalog.ActivationCount.Should().Be(1);
    }

    [Fact]
    public async Task BusyActivation_TurnRunningPastCollectionAge_IsNotCollected()
    {
        await using var runtime = RuntimeHarness.Create(o => o.CollectionAge = Age);
        var grain = runtime.Grains.GetGrain<IProbeGrain>("busy");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = grain.BlockAsync(entered, release.Task);
        await entered.Task.WithTimeout();
        runtime.Time.Advance(Age * 2);

        (await runtime.InternalCatalog.CollectIdleAsync(CancellationToken.None).WithTimeout()).Should().Be(0);

        release.SetResult();
        await call.WithTimeout();
        runtime.Time.Advance(Age * 2);
        (await runtime.InternalCatalog.CollectIdleAsync(CancellationToken.None).WithTimeout()).Should().Be(1);
    }

    [Fact]
    public async Task DeactivateOnIdle_AfterCall_DeactivatesAndNextCallReactivates()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<IProbeGrain>("requested");
        await grain.IncrementAsync().WithTimeout();

        await grain.DeactivateAfterThisAsync().WithTimeout();

        runtime.Probe.Deactivations.Should().Equal(("requested", DeactivationReason.Requested));
        runtime.Catalog.ActivationCount.Should().Be(0);
        (await grain.IncrementAsync().WithTimeout()).Should().Be(1);
        runtime.Probe.Activations("requested").Should().Be(2);
    }

    [Fact]
    public async Task DeactivateOnIdle_CallsQueuedBehindIt_RunOnFreshActivation()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<IProbeGrain>("queued");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = grain.BlockAsync(entered, release.Task);
        await entered.Task.WithTimeout();
        var deactivate = grain.DeactivateAfterThisAsync();
        var queued = grain.IncrementAsync();

        release.SetResult();
        await Task.WhenAll(blocker, deactivate).WithTimeout();

        (await queued.WithTimeout()).Should().Be(1, "the queued call went to a fresh activation");
        runtime.Probe.Activations("queued").Should().Be(2);
        runtime.Probe.Deactivations.Should().ContainSingle();
    }

    [Fact]
    public async Task SiloStop_ActiveGrains_DeactivatedWithSiloStopping()
    {
        var runtime = await RuntimeHarness.StartAsync();
        await runtime.Grains.GetGrain<IProbeGrain>("x").IncrementAsync().WithTimeout();
        await runtime.Grains.GetGrain<IProbeGrain>("y").IncrementAsync().WithTimeout();

        await runtime.StopAsync().WithTimeout();

        runtime.Probe.Deactivations.Should().BeEquivalentTo(new[] { ("x", DeactivationReason.SiloStopping), ("y", DeactivationReason.SiloStopping) });
        runtime.Catalog.ActivationCount.Should().Be(0);
        await runtime.DisposeAsync();
    }
}
