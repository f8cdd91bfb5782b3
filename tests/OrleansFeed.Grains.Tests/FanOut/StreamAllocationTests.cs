using Microsoft.Extensions.Logging.Abstractions;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Grains.Tests.Infrastructure;

namespace OrleansFeed.Grains.Tests.FanOut;

/// <summary>
/// Verifies the publish fast path allocates nothing per event for a struct event type while the subscriber has a
/// backlog. (When the subscriber is idle and woken once per event, the producer thread also pays for the thread
/// pool's global work-queue segments, measured at about 26 bytes per event amortised; that is the runtime's
/// queue growth, not this code, and it disappears as soon as the subscriber is busy.)
/// </summary>
public sealed class StreamAllocationTests
{
    private const int Warmup = 20_000;
    private const int Measured = 10_000;

    [Fact]
    public async Task OnNextAsync_StructEventsSteadyState_AllocatesZeroBytes()
    {
        var stream = new InMemoryStreamProvider(NullLogger<InMemoryStreamProvider>.Instance).GetStream<BookTick>(new FanOutStreamId("ns", "alloc"));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long expected = 0;
        var inOrder = true;
        await using var subscription = stream.Subscribe(async tick =>
        {
            if (tick.Sequence == 0)
            {
                entered.SetResult();
                await release.Task;
            }

            inOrder &= tick.Sequence == expected++;
            if (expected == 1 + Warmup + Measured)
            {
                all.SetResult();
            }
        });

        // The handler holds the pump on event 0, so the producer thread is the only thread doing work and the
        // channel's internal buffer is grown once by the warm-up (to 32,768 slots) and reused after it.
        await stream.OnNextAsync(new BookTick(0, 1));
        await entered.Task.WithTimeout();
        Publish(stream, 1, Warmup);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var synchronous = Publish(stream, 1 + Warmup, Measured);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        release.SetResult();
        await all.Task.WithTimeout();
        synchronous.Should().Be(Measured, "every queue had room, so every publish completed synchronously");
        allocated.Should().Be(0, "the steady-state publish path allocates nothing");
        inOrder.Should().BeTrue();
    }

    private static int Publish(IAsyncStream<BookTick> stream, long from, int count)
    {
        var synchronous = 0;
        for (var i = 0; i < count; i++)
        {
            if (stream.OnNextAsync(new BookTick(from + i, i)).IsCompletedSuccessfully)
            {
                synchronous++;
            }
        }

        return synchronous;
    }

    private readonly record struct BookTick(long Sequence, long PriceTicks);
}
