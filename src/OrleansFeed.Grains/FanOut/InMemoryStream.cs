using Microsoft.Extensions.Logging;

namespace OrleansFeed.Grains.FanOut;

/// <summary>
/// One in-process stream. Publishing walks a copy-on-write array of subscriptions with a TryWrite fast path,
/// so the steady state (every queue has room) completes synchronously and allocates nothing. Events relayed from a
/// producer on another silo reach only the cluster-scope subscriptions (<see cref="OnNextRelayedAsync"/>).
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
internal sealed class InMemoryStream<T> : IAsyncStream<T>
{
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private readonly IStreamDemand? _demand;
    private StreamSubscription<T>[] _subscriptions = [];
    private StreamSubscription<T>[] _clusterSubscriptions = [];

    public InMemoryStream(FanOutStreamId id, ILogger logger, IStreamDemand? demand = null)
    {
        Id = id;
        _logger = logger;
        _demand = demand;
    }

    public FanOutStreamId Id { get; }

    /// <summary>Current subscriptions (diagnostics and tests).</summary>
    internal int SubscriptionCount => Volatile.Read(ref _subscriptions).Length;

    /// <summary>Current cluster-scope subscriptions: the ones a relay feeds.</summary>
    internal int ClusterSubscriptionCount => Volatile.Read(ref _clusterSubscriptions).Length;

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
        options ??= StreamSubscriptionOptions.Default;
        var subscription = new StreamSubscription<T>(this, handler, options, _logger);
        lock (_lock)
        {
            _subscriptions = [.. _subscriptions, subscription];
            if (options.Scope == StreamScope.Cluster)
            {
                // Told under the lock so that starts and stops reach the relay in the order they happened (it only
                // records them and returns).
                if (_clusterSubscriptions.Length == 0)
                {
                    _demand?.Started<T>(Id);
                }

                _clusterSubscriptions = [.. _clusterSubscriptions, subscription];
            }
        }

        subscription.Start();
        return subscription;
    }

    /// <summary>
    /// Publishes an event relayed from this stream's producer on another silo to the cluster-scope subscriptions only
    /// (silo-scope publishers never see it, so they never publish another silo's stream).
    /// </summary>
    /// <param name="item">The event.</param>
    /// <param name="cancellationToken">Cancels a wait for queue space.</param>
    /// <returns>Completes when queued.</returns>
    internal ValueTask OnNextRelayedAsync(T item, CancellationToken cancellationToken = default)
    {
        var subscriptions = Volatile.Read(ref _clusterSubscriptions);
        for (var i = 0; i < subscriptions.Length; i++)
        {
            if (!subscriptions[i].TryEnqueue(item))
            {
                return OnNextSlowAsync(subscriptions, i, item, cancellationToken);
            }
        }

        return default;
    }

    internal void Remove(StreamSubscription<T> subscription)
    {
        lock (_lock)
        {
            _subscriptions = Array.FindAll(_subscriptions, s => s != subscription);
            var before = _clusterSubscriptions.Length;
            _clusterSubscriptions = Array.FindAll(_clusterSubscriptions, s => s != subscription);
            if (before > 0 && _clusterSubscriptions.Length == 0)
            {
                _demand?.Stopped(Id);
            }
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
