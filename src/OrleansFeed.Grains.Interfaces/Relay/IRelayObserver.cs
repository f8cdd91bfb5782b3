using Orleans;

namespace OrleansFeed.Grains.Relay;

/// <summary>The untyped part of a relay observer: the producer's end.</summary>
[Alias("OrleansFeed.IRelayObserver")]
public interface IRelayObserver : IGrainObserver
{
    /// <summary>
    /// The producer of the stream was deactivated (its silo stopping, or the grain collected): nothing more comes from
    /// this attachment; attach again to hear the producer's next activation (it publishes a higher epoch).
    /// </summary>
    /// <param name="streamNamespace">The stream namespace.</param>
    /// <param name="key">The stream key.</param>
    /// <returns>Completes when noted.</returns>
    Task OnSourceEndedAsync(string streamNamespace, string key);
}

/// <summary>Receives a relayed stream's events, in publish order, in batches (one call in flight per observer and stream).</summary>
/// <typeparam name="T">The stream's event type (<see cref="RelayedStreams"/>).</typeparam>
[Alias("OrleansFeed.IRelayObserver`1")]
public interface IRelayObserver<T> : IRelayObserver
{
    /// <summary>
    /// The next events of the stream, in the order the producer published them. Under load the producer's silo drops
    /// the oldest queued events rather than wait for a slow observer; for book deltas the subscriber sees that as a
    /// sequence gap and takes a fresh snapshot.
    /// </summary>
    /// <param name="streamNamespace">The stream namespace.</param>
    /// <param name="key">The stream key.</param>
    /// <param name="items">One or more events, oldest first.</param>
    /// <returns>True while the observer still wants the stream; false ends the attachment.</returns>
    Task<bool> OnBatchAsync(string streamNamespace, string key, T[] items);
}
