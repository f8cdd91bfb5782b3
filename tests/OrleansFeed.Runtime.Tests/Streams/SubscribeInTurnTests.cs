using OrleansFeed.Runtime.Streams;
using OrleansFeed.Runtime.Tests.Infrastructure;

namespace OrleansFeed.Runtime.Tests.Streams;

/// <summary>Verifies grain stream subscriptions: handlers run inside the grain's turns and die with the activation.</summary>
public sealed class SubscribeInTurnTests
{
    [Fact]
    public async Task Handler_EventWhileCallRunning_WaitsForTheTurn()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<IStreamConsumerGrain>("consumer");
        await grain.SubscribeAsync("turn").WithTimeout();
        var stream = runtime.Streams.GetStream<int>(new StreamId(StreamConsumerGrain.Namespace, "turn"));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = grain.BlockAsync(entered, release.Task);
        await entered.Task.WithTimeout();

        await stream.OnNextAsync(1);
        runtime.InternalCatalog.TryGetActivation(new GrainId(nameof(IStreamConsumerGrain), "consumer"), out var activation).Should().BeTrue();
        Bounded.Until(() => activation.OutstandingTurns == 2, "the event is queued behind the running call");
        release.SetResult();
        await call.WithTimeout();

        Bounded.Until(() => runtime.Probe.Log.Count == 3, "the event is handled after the call");
        runtime.Probe.Log.Should().Equal("call-start", "call-end", "event-1");
    }

    [Fact]
    public async Task Handler_EventsAndCallsConcurrently_NeverOverlap()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<IStreamConsumerGrain>("mixed");
        await grain.SubscribeAsync("mixed").WithTimeout();
        var stream = runtime.Streams.GetStream<int>(new StreamId(StreamConsumerGrain.Namespace, "mixed"));

        var publisher = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await stream.OnNextAsync(i);
            }
        });
        var calls = Enumerable.Range(0, 100).Select(_ => Task.Run(grain.WorkAsync));
        await Task.WhenAll(calls.Append(publisher)).WithTimeout();

        await Bounded.UntilAsync(async () => (await grain.GetReceivedAsync()).Length == 200, "all 200 events are handled");
        (await grain.GetReceivedAsync()).Should().Equal(Enumerable.Range(0, 200));
        runtime.Probe.MaxConcurrent.Should().Be(1);
    }

    [Fact]
    public async Task Deactivation_GrainWithSubscription_DisposesSubscription()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<IStreamConsumerGrain>("leaving");
        await grain.SubscribeAsync("leaving").WithTimeout();
        var stream = (InMemoryStream<int>)runtime.Streams.GetStream<int>(new StreamId(StreamConsumerGrain.Namespace, "leaving"));
        stream.SubscriptionCount.Should().Be(1);

        await grain.DeactivateAfterThisAsync().WithTimeout();

        stream.SubscriptionCount.Should().Be(0);
        runtime.Catalog.ActivationCount.Should().Be(0);
    }
}
