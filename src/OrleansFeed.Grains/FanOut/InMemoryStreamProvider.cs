using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansFeed.Grains.FanOut;

/// <summary>
/// The silo-local fan-out (<see cref="IStreamProvider"/>): a stream is a list of subscriptions, each with its own
/// bounded channel and one pump; no broker, no serialization. Registered as a singleton of the silo by
/// <c>AddFeedSilo</c>; thread-safe. Streams live as long as the provider (they are few and long-lived:
/// one per venue-symbol and event kind).
/// </summary>
public sealed class InMemoryStreamProvider : IStreamProvider
{
    private readonly ConcurrentDictionary<FanOutStreamId, object> _streams = new();
    private readonly ILogger _logger;
    private readonly IStreamDemand? _demand;

    /// <summary>Creates the provider.</summary>
    /// <param name="logger">Receives handler faults (event id 1200, once per subscription).</param>
    /// <param name="demand">Told when a stream gains its first and loses its last cluster-scope subscription (the
    /// silo's cross-silo relay); null for a silo-only fan-out.</param>
    public InMemoryStreamProvider(ILogger<InMemoryStreamProvider> logger, IStreamDemand? demand = null)
    {
        _logger = logger;
        _demand = demand;
    }

    /// <summary>The stream with the given id; every call with the same id returns the same stream.</summary>
    /// <typeparam name="T">Event type; a struct on hot paths so publishing allocates nothing.</typeparam>
    /// <param name="id">Namespace and key.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="InvalidOperationException">The id was first used with another event type.</exception>
    public IAsyncStream<T> GetStream<T>(FanOutStreamId id)
    {
        var stream = _streams.GetOrAdd(id, static (id, self) => new InMemoryStream<T>(id, self._logger, self._demand), this);
        return stream as InMemoryStream<T> ?? throw new InvalidOperationException(
            $"Stream {id} carries {stream.GetType().GetGenericArguments()[0].FullName}; it cannot also carry {typeof(T).FullName}.");
    }

    /// <summary>The stream with the given id as the concrete type (the relay publishes relayed events through it).</summary>
    /// <typeparam name="T">Event type.</typeparam>
    /// <param name="id">Namespace and key.</param>
    /// <returns>The stream.</returns>
    internal InMemoryStream<T> GetLocalStream<T>(FanOutStreamId id) => (InMemoryStream<T>)GetStream<T>(id);
}
