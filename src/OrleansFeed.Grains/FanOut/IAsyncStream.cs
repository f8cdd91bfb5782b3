namespace OrleansFeed.Grains.FanOut;

/// <summary>
/// A fan-out stream of events of type <typeparamref name="T"/> identified by a <see cref="FanOutStreamId"/> (silo-local).
/// Producers call <see cref="OnNextAsync"/>; each subscriber has its own bounded
/// queue drained by one reader, and its handler runs inside the subscribing grain's turn.
/// </summary>
/// <typeparam name="T">The event type; a struct on hot paths so delivery allocates nothing.</typeparam>
public interface IAsyncStream<T>
{
    /// <summary>The stream's identity.</summary>
    FanOutStreamId Id { get; }

    /// <summary>
    /// Publishes one event to every current subscriber. Completes synchronously when every subscriber's
    /// queue had room; otherwise applies each subscription's <see cref="StreamOverflowPolicy"/>.
    /// </summary>
    /// <param name="item">The event.</param>
    /// <param name="cancellationToken">Cancels a wait for queue space (policy <see cref="StreamOverflowPolicy.Wait"/>).</param>
    /// <returns>Completes when the event is queued (not when handled).</returns>
    ValueTask OnNextAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Subscribes a handler. Events published before the subscription are not delivered.</summary>
    /// <param name="handler">Called once per event, one at a time, in publish order.</param>
    /// <param name="options">Queue capacity and overflow policy; <see cref="StreamSubscriptionOptions.Default"/> when null.</param>
    /// <returns>A handle; dispose it to unsubscribe.</returns>
    IStreamSubscription Subscribe(Func<T, ValueTask> handler, StreamSubscriptionOptions? options = null);
}
