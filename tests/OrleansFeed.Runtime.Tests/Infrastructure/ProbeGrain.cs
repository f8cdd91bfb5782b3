namespace OrleansFeed.Runtime.Tests.Infrastructure;

public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    ValueTask<int> GetAsync();

    Task<string> EchoAsync(string text);

    ValueTask TouchAsync();

    Task WorkAsync();

    Task BlockAsync(TaskCompletionSource entered, Task release);

    Task ThrowAsync(string message);

    ValueTask<int> ThrowValueTaskAsync(string message);

    Task ThrowSynchronously(string message);

    Task DeactivateAfterThisAsync();

    Task<string> GetGrainIdAsync();
}

/// <summary>A grain that reports everything it sees to <see cref="GrainProbe"/>.</summary>
public sealed class ProbeGrain(GrainProbe probe) : Grain, IProbeGrain
{
    private int _count;

    public static string FailActivationKey => "fail-activation";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Yield so concurrent first calls have every chance to race into a second activation.
        await Task.Yield();
        probe.Activated(GrainKey);
        if (GrainKey == FailActivationKey && probe.Activations(GrainKey) == 1)
        {
            throw new InvalidOperationException("first activation fails");
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.OnDeactivated(GrainKey, reason);
        return Task.CompletedTask;
    }

    public Task<int> IncrementAsync() => Task.FromResult(++_count);

    public ValueTask<int> GetAsync() => new(_count);

    public async Task<string> EchoAsync(string text)
    {
        await Task.Yield();
        return text;
    }

    public ValueTask TouchAsync() => ValueTask.CompletedTask;

    public async Task WorkAsync()
    {
        using var turn = probe.Enter();
        await Task.Yield();
        await Task.Delay(1);
        await Task.Yield();
    }

    public async Task BlockAsync(TaskCompletionSource entered, Task release)
    {
        using var turn = probe.Enter();
        probe.Record("call-start");
        entered.SetResult();
        await release;
        probe.Record("call-end");
    }

    public async Task ThrowAsync(string message)
    {
        await Task.Yield();
        throw new ArgumentException(message);
    }

    public async ValueTask<int> ThrowValueTaskAsync(string message)
    {
        await Task.Yield();
        throw new FormatException(message);
    }

    public Task ThrowSynchronously(string message) => throw new NotSupportedException(message);

    public Task DeactivateAfterThisAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<string> GetGrainIdAsync() => Task.FromResult(GrainId.ToString());
}
