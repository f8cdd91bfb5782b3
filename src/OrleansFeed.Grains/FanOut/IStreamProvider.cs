namespace OrleansFeed.Grains.FanOut;

/// <summary>The silo-local fan-out: gives streams by id (namespace and key). Same-silo only; not an Orleans stream provider.</summary>
public interface IStreamProvider
{
    /// <summary>The stream with the given id; the same id always gives the same logical stream.</summary>
    /// <typeparam name="T">Event type; every user of one id must use the same type.</typeparam>
    /// <param name="id">Namespace and key.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="InvalidOperationException">The id was first used with another event type.</exception>
    IAsyncStream<T> GetStream<T>(FanOutStreamId id);
}
