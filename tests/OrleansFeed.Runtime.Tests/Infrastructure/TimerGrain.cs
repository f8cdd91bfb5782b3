namespace OrleansFeed.Runtime.Tests.Infrastructure;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTimerAsync(TimeSpan period);

    Task BlockAsync(TaskCompletionSource entered, Task release);

    Task<int> GetTicksAsync();
}

/// <summary>A grain with one timer whose callback logs a tick and checks it never overlaps a call.</summary>
public sealed class TimerGrain(GrainProbe probe) : Grain, ITimerGrain
{
    private int _ticks;

    public Task StartTimerAsync(TimeSpan period)
    {
        RegisterTimer(
            _ =>
            {
                using var turn = probe.Enter();
                _ticks++;
                probe.Record("tick");
                return Task.CompletedTask;
            },
            period,
            period);
        return Task.CompletedTask;
    }

    public async Task BlockAsync(TaskCompletionSource entered, Task release)
    {
        using var turn = probe.Enter();
        probe.Record("call-start");
        entered.SetResult();
        await release;
        probe.Record("call-end");
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.OnDeactivated(GrainKey, reason);
        return Task.CompletedTask;
    }
}
