using Microsoft.Extensions.Logging.Abstractions;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Grains.Tests.Infrastructure;

namespace OrleansFeed.Grains.Tests.FanOut;

/// <summary>Verifies in-memory streams: order, back-pressure, drop counting, fault isolation, type safety, zero allocation.</summary>
public sealed class InMemoryStreamTests
{
    private static InMemoryStreamProvider NewProvider() => new(NullLogger<InMemoryStreamProvider>.Instance);

    [Fact]
    public async Task Publish_ManyEvents_HandledInPublishOrder()
    {
        var stream = NewProvider().GetStream<int>(new FanOutStreamId("ns", "order"));
        var received = new List<int>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = stream.Subscribe(async item =>
        {
            if (item % 7 == 0)
            {
                await Task.Yield();
            }

            received.Add(item);
            if (received.Count == 5_000)
            {
                done.SetResult();
            }
        });

        for (var i = 0; i < 5_000; i++)
        {
            await stream.OnNextAsync(i);
        }

        await done.Task.WithTimeout();
        received.Should().Equal(Enumerable.Range(0, 5_000));
    }

    [Fact]
    public async Task Publish_WaitPolicyQueueFull_ProducerWaitsUntilRoom()
    {
        var stream = NewProvider().GetStream<int>(new FanOutStreamId("ns", "wait"));
        var blocked = new BlockingHandler();
        await using var subscription = stream.Subscribe(blocked.HandleAsync, new StreamSubscriptionOptions { Capacity = 4, OverflowPolicy = StreamOverflowPolicy.Wait });

        await stream.OnNextAsync(0);
        await blocked.Entered.Task.WithTimeout();
        for (var i = 1; i <= 4; i++)
        {
            stream.OnNextAsync(i).IsCompletedSuccessfully.Should().BeTrue("the queue has room for 4");
        }

        var fifth = stream.OnNextAsync(5).AsTask();
        fifth.IsCompleted.Should().BeFalse("the queue is full, so the producer waits");
        subscription.Pending.Should().Be(5, "4 queued + 1 in the handler");

        blocked.Release.SetResult();
        await fifth.WithTimeout();
        await blocked.WaitForCountAsync(6);
        blocked.Received.Should().Equal(0, 1, 2, 3, 4, 5);
        subscription.Dropped.Should().Be(0);
    }

    [Theory]
    [InlineData(StreamOverflowPolicy.DropNewest, new[] { 0, 1, 2 })]
    [InlineData(StreamOverflowPolicy.DropOldest, new[] { 0, 4, 5 })]
    public async Task Publish_DropPolicyQueueFull_DropsAndCounts(StreamOverflowPolicy policy, int[] expected)
    {
        var stream = NewProvider().GetStream<int>(new FanOutStreamId("ns", "drop"));
        var blocked = new BlockingHandler();
        await using var subscription = stream.Subscribe(blocked.HandleAsync, new StreamSubscriptionOptions { Capacity = 2, OverflowPolicy = policy });

        await stream.OnNextAsync(0);
        await blocked.Entered.Task.WithTimeout();
        for (var i = 1; i <= 5; i++)
        {
            stream.OnNextAsync(i).IsCompletedSuccessfully.Should().BeTrue("drop policies never make the producer wait");
        }

        subscription.Dropped.Should().Be(3);
        blocked.Release.SetResult();
        await blocked.WaitForCountAsync(expected.Length);
        blocked.Received.Should().Equal(expected);
        subscription.Pending.Should().Be(0);
    }

    [Fact]
    public async Task Handler_Throws_CountsFaultLogsOnceAndContinues()
    {
        var logger = new ListLogger<InMemoryStreamProvider>();
        var stream = new InMemoryStreamProvider(logger).GetStream<int>(new FanOutStreamId("ns", "faults"));
        var received = new List<int>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = stream.Subscribe(item =>
        {
            if (item % 2 == 1)
            {
                throw new InvalidOperationException("bad event");
            }

            received.Add(item);
            if (item == 10)
            {
                done.SetResult();
            }

            return ValueTask.CompletedTask;
        });

        for (var i = 0; i <= 10; i++)
        {
            await stream.OnNextAsync(i);
        }

        await done.Task.WithTimeout();
        received.Should().Equal(0, 2, 4, 6, 8, 10);
        subscription.HandlerFaults.Should().Be(5);
        logger.Entries.Should().ContainSingle().Which.EventId.Id.Should().Be(1200, "a faulting subscription is logged once, then counted");
    }

    [Fact]
    public void GetStream_SameIdOtherEventType_ThrowsInvalidOperation()
    {
        var provider = NewProvider();
        var id = new FanOutStreamId("ns", "typed");
        provider.GetStream<int>(id).Should().BeSameAs(provider.GetStream<int>(id));

        FluentActions.Invoking(() => provider.GetStream<string>(id)).Should().Throw<InvalidOperationException>()
            .WithMessage("*ns/typed*System.Int32*System.String*");
    }

    [Fact]
    public async Task Subscribe_CapacityOutOfRange_Throws()
    {
        var stream = NewProvider().GetStream<int>(new FanOutStreamId("ns", "capacity"));

        FluentActions.Invoking(() => stream.Subscribe(_ => default, new StreamSubscriptionOptions { Capacity = 0 }))
            .Should().Throw<ArgumentOutOfRangeException>();
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Dispose_Subscription_StopsDelivery()
    {
        var stream = NewProvider().GetStream<int>(new FanOutStreamId("ns", "dispose"));
        var subscription = stream.Subscribe(_ => default);
        ((InMemoryStream<int>)stream).SubscriptionCount.Should().Be(1);

        await subscription.DisposeAsync();

        ((InMemoryStream<int>)stream).SubscriptionCount.Should().Be(0);
        stream.OnNextAsync(1).IsCompletedSuccessfully.Should().BeTrue();
    }

    /// <summary>A handler that blocks on its first event until released, then records the rest.</summary>
    private sealed class BlockingHandler
    {
        private readonly List<int> _received = [];

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<int> Received
        {
            get
            {
                lock (_received)
                {
                    return [.. _received];
                }
            }
        }

        public async ValueTask HandleAsync(int item)
        {
            if (Entered.TrySetResult())
            {
                await Release.Task;
            }

            lock (_received)
            {
                _received.Add(item);
            }
        }

        public Task WaitForCountAsync(int count) =>
            Task.Run(() => Bounded.Until(() => Received.Count >= count, $"{count} events are handled"));
    }
}
