using OrleansFeed.Runtime.Tests.Infrastructure;

namespace OrleansFeed.Runtime.Tests.Timers;

/// <summary>Verifies grain timers: callbacks run in turn, overdue ticks are skipped, and ticks are not use.</summary>
public sealed class GrainTimerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Tick_DueWhileCallRunning_RunsAfterTheCallInItsOwnTurn()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<ITimerGrain>("ticker");
        await grain.StartTimerAsync(Period).WithTimeout();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = grain.BlockAsync(entered, release.Task);
        await entered.Task.WithTimeout();

        // The manual clock fires the timer synchronously here, while the call holds the turn.
        runtime.Time.Advance(Period);
        release.SetResult();
        await call.WithTimeout();

        await Bounded.UntilAsync(async () => await grain.GetTicksAsync() == 1, "the queued tick runs after the call");
        runtime.Probe.Log.Should().Equal("call-start", "call-end", "tick");
        runtime.Probe.MaxConcurrent.Should().Be(1);
    }

    [Fact]
    public async Task Ticks_DueWhilePreviousTickQueued_AreSkipped()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var grain = runtime.Grains.GetGrain<ITimerGrain>("skipper");
        await grain.StartTimerAsync(Period).WithTimeout();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = grain.BlockAsync(entered, release.Task);
        await entered.Task.WithTimeout();

        runtime.Time.Advance(Period * 3);
        release.SetResult();
        await call.WithTimeout();

        // GetTicks queues behind the single queued tick (turns are FIFO), so it sees the final count.
        (await grain.GetTicksAsync().WithTimeout()).Should().Be(1, "the 2nd and 3rd ticks found the 1st still queued");
    }

    [Fact]
    public async Task Ticks_OnIdleGrain_DoNotPreventCollection()
    {
        await using var runtime = RuntimeHarness.Create(o => o.CollectionAge = TimeSpan.FromMinutes(10));
        var grain = runtime.Grains.GetGrain<ITimerGrain>("lonely");
        await grain.StartTimerAsync(Period).WithTimeout();

        // Eleven synchronous ticks; the callback completes synchronously, so none is still queued after Advance.
        runtime.Time.Advance(TimeSpan.FromMinutes(11));
        runtime.Probe.Log.Should().HaveCount(11);

        (await runtime.InternalCatalog.CollectIdleAsync(CancellationToken.None).WithTimeout()).Should().Be(1);
        runtime.Probe.Deactivations.Should().Equal(("lonely", DeactivationReason.Idle));

        runtime.Time.Advance(Period * 3);
        runtime.Probe.Log.Should().HaveCount(11, "the timer was disposed with the activation");
    }
}
