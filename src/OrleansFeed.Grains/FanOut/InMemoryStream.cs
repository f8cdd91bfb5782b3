using Microsoft.Extensions.Logging;

namespace OrleansFeed.Grains.FanOut;

/// <summary>
/// One in-process stream. Publishing walks a copy-on-write array of subscriptions with a TryWrite fast path,
/// so the steady state (every queue has room) completes synchronously and allocates nothing.
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
internal sealed class InMemoryStream<T> : IAsyncStream<T>
{
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private StreamSubscription<T>[] _subscriptions = [];

    public InMemoryStream(StreamId id, ILogger logger)
    {
        Id = id;
        _logger = logger;
    }

    public StreamId Id { get; }

    /// <summary>Current subscriptions (diagnostics and tests).</summary>
    internal int SubscriptionCount => Volatile.Read(ref _subscriptions).Length;

    public ValueTask OnNextAsync(T item, CancellationToken cancellationToken = default)
    {
        var subscriptions = Volatile.Read(ref _subscriptions);
        for (var i = 0; i < subscriptions.Length; i++)
        {
            if (!subscriptions[i].TryEnqueue(item))
            {
                return OnNextSlowAsync(subscriptions, i, item, cancellationToken);
            }
        }

        return default;
    }

    public IStreamSubscription Subscribe(Func<T, ValueTask> handler, StreamSubscriptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new StreamSubscription<T>(this, handler, options ?? StreamSubscriptionOptions.Default, _logger);
        lock (_lock)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        subscription.Start();
        return subscription;
    }

    internal void Remove(StreamSubscription<T> subscription)
    {
        lock (_lock)
        {
            _subscriptions = Array.FindAll(_subscriptions, s => s != subscription);
        }
    }

    // Only reached under policy Wait with a full queue: the producer waits for room (back-pressure).
    private static async ValueTask OnNextSlowAsync(StreamSubscription<T>[] subscriptions, int from, T item, CancellationToken cancellationToken)
    {
        for (var i = from; i < subscriptions.Length; i++)
        {
            if (!subscriptions[i].TryEnqueue(item))
            {
                await subscriptions[i].EnqueueAsync(item, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
