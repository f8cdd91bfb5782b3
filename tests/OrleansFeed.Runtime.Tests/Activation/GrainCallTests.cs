using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Runtime.Hosting;
using OrleansFeed.Runtime.Tests.Infrastructure;

namespace OrleansFeed.Runtime.Tests.Activation;

/// <summary>Verifies grain references: activation on first use, one activation per key, serial turns, results and exceptions.</summary>
public sealed class GrainCallTests
{
    [Fact]
    public async Task FirstCall_NewKey_ActivatesGrainOnce()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<IProbeGrain>("a");

        runtime.Catalog.ActivationCount.Should().Be(0, "a reference alone activates nothing");
        (await grain.IncrementAsync().WithTimeout()).Should().Be(1);
        (await grain.IncrementAsync().WithTimeout()).Should().Be(2);

        runtime.Probe.Activations("a").Should().Be(1);
        runtime.Catalog.ActivationCount.Should().Be(1);
        runtime.Catalog.GetActiveGrainIds().Should().Equal(new GrainId(nameof(IProbeGrain), "a"));
        (await grain.GetGrainIdAsync().WithTimeout()).Should().Be("IProbeGrain/a");
    }

    [Fact]
    public async Task FirstCalls_100Concurrent_CreateExactlyOneActivation()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            start.Wait(Bounded.Timeout);
            return await runtime.Grains.GetGrain<IProbeGrain>("shared").IncrementAsync();
        })).ToArray();
        start.Set();

        var results = await Task.WhenAll(calls).WithTimeout();

        runtime.Probe.Activations("shared").Should().Be(1);
        results.Should().BeEquivalentTo(Enumerable.Range(1, 100), "every call ran on the one activation");
    }

    [Fact]
    public async Task Calls_100Concurrent_NeverOverlapTurns()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<IProbeGrain>("serial");

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(grain.WorkAsync))).WithTimeout();

        runtime.Probe.MaxConcurrent.Should().Be(1);
    }

    [Fact]
    public async Task Calls_TaskOfTAndValueTaskOfT_ReturnResults()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<IProbeGrain>("results");

        (await grain.EchoAsync("hello").WithTimeout()).Should().Be("hello");
        await grain.IncrementAsync().WithTimeout();
        (await grain.GetAsync()).Should().Be(1);
        await grain.TouchAsync();
    }

    [Fact]
    public async Task Calls_GrainThrows_CallerSeesSameException()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<IProbeGrain>("throws");

        await FluentActions.Awaiting(() => grain.ThrowAsync("bad a")).Should().ThrowExactlyAsync<ArgumentException>().WithMessage("bad a");
        await FluentActions.Awaiting(async () => await grain.ThrowValueTaskAsync("bad b")).Should().ThrowExactlyAsync<FormatException>().WithMessage("bad b");
        await FluentActions.Awaiting(() => grain.ThrowSynchronously("bad c")).Should().ThrowExactlyAsync<NotSupportedException>().WithMessage("bad c");

        (await grain.IncrementAsync().WithTimeout()).Should().Be(1, "a faulted call does not break the activation");
        runtime.Probe.Activations("throws").Should().Be(1);
    }

    [Fact]
    public async Task FirstCall_OnActivateThrows_CallFailsAndNextCallActivatesAgain()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<IProbeGrain>(ProbeGrain.FailActivationKey);

        await FluentActions.Awaiting(() => grain.IncrementAsync()).Should().ThrowAsync<InvalidOperationException>().WithMessage("first activation fails");
        runtime.Catalog.ActivationCount.Should().Be(0);

        (await grain.IncrementAsync().WithTimeout()).Should().Be(1);
        runtime.Probe.Activations(ProbeGrain.FailActivationKey).Should().Be(2);
    }

    [Fact]
    public async Task GetGrain_EmptyKeyOrUnregisteredInterface_Throws()
    {
        await using var runtime = await RuntimeHarness.StartAsync();

        FluentActions.Invoking(() => runtime.Grains.GetGrain<IProbeGrain>("")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => runtime.Grains.GetGrain<IUnregisteredGrain>("x")).Should().Throw<InvalidOperationException>()
            .WithMessage("*IUnregisteredGrain*");
    }

    [Fact]
    public void AddGrain_MethodReturningNonTask_ThrowsArgumentException()
    {
        var services = new ServiceCollection();

        FluentActions.Invoking(() => services.AddGrain<ISyncGrain, SyncGrain>()).Should().Throw<ArgumentException>().WithMessage("*ISyncGrain.Get*");
    }

    public interface IUnregisteredGrain : IGrainWithStringKey
    {
        Task PingAsync();
    }

    public interface ISyncGrain : IGrainWithStringKey
    {
        int Get();
    }

    public sealed class SyncGrain : Grain, ISyncGrain
    {
        public int Get() => 1;
    }
}
