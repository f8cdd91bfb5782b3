using OrleansFeed.Runtime.Streams;

namespace OrleansFeed.Runtime.Tests.Infrastructure;

public interface IStreamConsumerGrain : IGrainWithStringKey
{
    Task SubscribeAsync(string streamKey);

    Task WorkAsync();

    Task BlockAsync(TaskCompletionSource entered, Task release);

    Task<int[]> GetReceivedAsync();

    Task DeactivateAfterThisAsync();
}

/// <summary>Subscribes in turn to an int stream; its handler and its calls share the probe's overlap check.</summary>
public sealed class StreamConsumerGrain(GrainProbe probe) : Grain, IStreamConsumerGrain
{
    public static readonly string Namespace = "test-events";

    private readonly List<int> _received = [];

    public Task SubscribeAsync(string streamKey)
    {
        SubscribeInTurn<int>(StreamProvider.GetStream<int>(new StreamId(Namespace, streamKey)), async item =>
        {
            using var turn = probe.Enter();
            await Task.Yield();
            _received.Add(item);
            probe.Record($"event-{item}");
        });
        return Task.CompletedTask;
    }

    public async Task WorkAsync()
    {
        using var turn = probe.Enter();
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

    public Task<int[]> GetReceivedAsync() => Task.FromResult(_received.ToArray());

    public Task DeactivateAfterThisAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
