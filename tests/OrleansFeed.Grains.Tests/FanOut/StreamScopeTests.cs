using Microsoft.Extensions.Logging.Abstractions;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Grains.Tests.Infrastructure;

namespace OrleansFeed.Grains.Tests.FanOut;

/// <summary>Subscription scope: relayed events reach cluster-scope subscriptions only, and only those start and end a relay.</summary>
public sealed class StreamScopeTests
{
    [Fact]
    public async Task RelayedEvent_ReachesClusterScopeOnly_LocalEventReachesBoth()
    {
        var provider = new InMemoryStreamProvider(NullLogger<InMemoryStreamProvider>.Instance);
        var stream = provider.GetLocalStream<int>(new FanOutStreamId("ns", "scope"));
        var cluster = new List<int>();
        var silo = new List<int>();
        await using var clusterSubscription = stream.Subscribe(i => Add(cluster, i));
        await using var siloSubscription = stream.Subscribe(i => Add(silo, i), new StreamSubscriptionOptions { Scope = StreamScope.Silo });

        await stream.OnNextAsync(1);
        await stream.OnNextRelayedAsync(2);
        await stream.OnNextAsync(3);

        Bounded.Until(() => Count(cluster) == 3 && Count(silo) == 2, "every event handled");
        cluster.Should().Equal(1, 2, 3);
        silo.Should().Equal([1, 3], "a silo-scope subscriber (NATS bridge, Redis) never sees another silo's events");
    }

    [Fact]
    public async Task Demand_FirstAndLastClusterSubscription_StartAndStopOnce_SiloScopeNever()
    {
        var demand = new RecordingDemand();
        var provider = new InMemoryStreamProvider(NullLogger<InMemoryStreamProvider>.Instance, demand);
        var stream = provider.GetStream<int>(new FanOutStreamId("ns", "demand"));

        var silo = stream.Subscribe(_ => ValueTask.CompletedTask, new StreamSubscriptionOptions { Scope = StreamScope.Silo });
        demand.Calls.Should().BeEmpty("silo scope never starts a relay");
        var first = stream.Subscribe(_ => ValueTask.CompletedTask);
        var second = stream.Subscribe(_ => ValueTask.CompletedTask);
        await first.DisposeAsync();
        demand.Calls.Should().Equal("start ns/demand");
        await second.DisposeAsync();
        await silo.DisposeAsync();
        demand.Calls.Should().Equal("start ns/demand", "stop ns/demand");
    }

    private static ValueTask Add(List<int> list, int item)
    {
        lock (list)
        {
            list.Add(item);
        }

        return ValueTask.CompletedTask;
    }

    private static int Count(List<int> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private sealed class RecordingDemand : IStreamDemand
    {
        public List<string> Calls { get; } = [];

        public void Started<T>(FanOutStreamId id) => Calls.Add($"start {id}");

        public void Stopped(FanOutStreamId id) => Calls.Add($"stop {id}");
    }
}
