using OrleansFeed.Grains.Relay;

namespace OrleansFeed.Grains.FanOut.Relay;

/// <summary>This silo's observer object for one event type: hands relayed batches and end notices to the <see cref="RelayHub"/>.</summary>
/// <typeparam name="T">The event type.</typeparam>
internal sealed class RelayReceiver<T>(RelayHub hub) : IRelayObserver<T>
{
    public Task<bool> OnBatchAsync(string streamNamespace, string key, T[] items) => hub.DeliverAsync(new FanOutStreamId(streamNamespace, key), items);

    public Task OnSourceEndedAsync(string streamNamespace, string key)
    {
        hub.OnSourceEnded(new FanOutStreamId(streamNamespace, key));
        return Task.CompletedTask;
    }
}
