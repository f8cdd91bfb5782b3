using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Bridge.Nats.Status;

/// <summary>
/// The bridge's live counters, registered as a singleton so health checks, metrics and the API can read them
/// (<see cref="Snapshot"/>). Written by the bridge from several threads with interlocked operations; values read
/// without a lock may be a moment old.
/// </summary>
public sealed class NatsBridgeStatus
{
    private readonly List<IStreamSubscription> _subscriptions = [];
    private readonly List<string> _skipped = [];
    private long _enqueued;
    private long _published;
    private long _droppedQueueFull;
    private long _recoveredDeferred;
    private long _droppedDisconnected;
    private long _publishErrors;
    private long _connects;
    private long _disconnects;
    private long _requests;
    private long _requestErrors;
    private long _jetStreamErrors;
    private long _lastLatency;
    private long _maxLatency;
    private volatile bool _jetStreamReady;
    private volatile string _state = "Closed";
    private Func<int> _queueDepth = () => 0;

    /// <summary>True when the bridge is switched on (<c>Nats:Enabled</c>).</summary>
    public bool Enabled { get; internal set; }

    /// <summary>Messages dropped because the outbound queue was full.</summary>
    public long DroppedQueueFull => Interlocked.Read(ref _droppedQueueFull);

    /// <summary>Messages handed to the NATS connection.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>A consistent-enough copy of every counter.</summary>
    /// <returns>The counters.</returns>
    public NatsBridgeCounters Snapshot()
    {
        long droppedStream;
        int subscriptions;
        string[] skipped;
        lock (_subscriptions)
        {
            droppedStream = _subscriptions.Sum(s => s.Dropped);
            subscriptions = _subscriptions.Count;
            skipped = [.. _skipped];
        }

        var state = _state;
        return new NatsBridgeCounters(
            Enabled,
            state == "Open",
            state,
            Interlocked.Read(ref _enqueued),
            Interlocked.Read(ref _published),
            Interlocked.Read(ref _droppedQueueFull),
            Interlocked.Read(ref _droppedDisconnected),
            droppedStream,
            Interlocked.Read(ref _publishErrors),
            _queueDepth(),
            Interlocked.Read(ref _connects),
            Interlocked.Read(ref _disconnects),
            Interlocked.Read(ref _requests),
            Interlocked.Read(ref _requestErrors),
            _jetStreamReady,
            Interlocked.Read(ref _jetStreamErrors),
            Interlocked.Read(ref _lastLatency),
            Interlocked.Read(ref _maxLatency),
            subscriptions,
            skipped)
        {
            ResentAfterDrop = Interlocked.Read(ref _recoveredDeferred),
        };
    }

    internal void AttachQueue(Func<int> depth) => _queueDepth = depth;

    internal void AddSubscription(IStreamSubscription subscription)
    {
        lock (_subscriptions)
        {
            _subscriptions.Add(subscription);
        }
    }

    internal IStreamSubscription[] TakeSubscriptions()
    {
        lock (_subscriptions)
        {
            var all = _subscriptions.ToArray();
            _subscriptions.Clear();
            return all;
        }
    }

    internal void AddSkippedRoute(string route)
    {
        lock (_subscriptions)
        {
            _skipped.Add(route);
        }
    }

    internal void SetState(string state) => _state = state;

    internal void OnEnqueued() => Interlocked.Increment(ref _enqueued);

    internal void OnPublished() => Interlocked.Increment(ref _published);

    internal void OnDroppedQueueFull() => Interlocked.Increment(ref _droppedQueueFull);

    internal void OnRecoveredDeferred() => Interlocked.Increment(ref _recoveredDeferred);

    internal void OnDroppedDisconnected() => Interlocked.Increment(ref _droppedDisconnected);

    internal void OnPublishError() => Interlocked.Increment(ref _publishErrors);

    internal void OnConnected() => Interlocked.Increment(ref _connects);

    internal void OnDisconnected() => Interlocked.Increment(ref _disconnects);

    internal void OnRequest(bool ok)
    {
        Interlocked.Increment(ref _requests);
        if (!ok)
        {
            Interlocked.Increment(ref _requestErrors);
        }
    }

    internal void OnJetStream(bool ready)
    {
        _jetStreamReady = ready;
        if (!ready)
        {
            Interlocked.Increment(ref _jetStreamErrors);
        }
    }

    internal void OnLatency(long micros)
    {
        Interlocked.Exchange(ref _lastLatency, micros);
        var max = Interlocked.Read(ref _maxLatency);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxLatency, micros, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }
}
