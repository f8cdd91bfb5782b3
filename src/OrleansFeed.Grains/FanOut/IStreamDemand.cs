namespace OrleansFeed.Grains.FanOut;

/// <summary>
/// Told when a stream of the silo-local fan-out gains its first, or loses its last, subscription of scope
/// <see cref="StreamScope.Cluster"/>: the cross-silo relay starts and ends there, so a stream nobody on this silo
/// follows costs nothing. Called under the stream's lock (so starts and stops arrive in order), on the subscribing or
/// disposing thread: must only record the change and return, never block nor subscribe.
/// </summary>
public interface IStreamDemand
{
    /// <summary>The first cluster-scope subscription of <paramref name="id"/> on this silo was made.</summary>
    /// <typeparam name="T">The stream's event type.</typeparam>
    /// <param name="id">The stream.</param>
    void Started<T>(FanOutStreamId id);

    /// <summary>The last cluster-scope subscription of <paramref name="id"/> on this silo was disposed.</summary>
    /// <param name="id">The stream.</param>
    void Stopped(FanOutStreamId id);
}
