using Orleans;
using Orleans.Runtime;
using OrleansFeed.Grains.Relay;

namespace OrleansFeed.Grains.FanOut.Relay;

/// <summary>
/// On the producer's silo: forwards one stream to one remote observer (one subscriber silo or cluster client). A
/// silo-scope subscription (so relayed events are never relayed again) with its own bounded queue; its handler collects
/// events and sends them as one batch when the queue is drained or the batch is full, one awaited call in flight: order
/// is kept, each event is serialized once for that observer, and a slow observer only fills its own queue (oldest dropped).
/// </summary>
internal abstract class RelayForwarder : IAsyncDisposable
{
    protected RelayForwarder(FanOutStreamId stream, GrainId source, IRelayObserver observer)
    {
        Stream = stream;
        Source = source;
        Observer = observer;
    }

    /// <summary>The forwarded stream.</summary>
    public FanOutStreamId Stream { get; }

    /// <summary>The producer grain the observer attached through.</summary>
    public GrainId Source { get; }

    /// <summary>The remote observer.</summary>
    public IRelayObserver Observer { get; }

    /// <summary>Events sent so far (diagnostics and tests).</summary>
    public abstract long Forwarded { get; }

    /// <summary>Events dropped because the observer was slower than the producer.</summary>
    public abstract long Dropped { get; }

    /// <summary>Stops forwarding; pending events are dropped.</summary>
    /// <returns>Completes when unsubscribed.</returns>
    public abstract ValueTask DisposeAsync();
}

/// <inheritdoc />
internal sealed class RelayForwarder<T> : RelayForwarder
{
    private readonly IRelayObserver<T> _observer;
    private readonly List<T> _batch = [];
    private readonly int _maxBatch;
    private readonly Action<RelayForwarder> _ended;
    private readonly IStreamSubscription _subscription;
    private long _forwarded;
    private int _disposed;

    public RelayForwarder(IAsyncStream<T> stream, GrainId source, IRelayObserver observer, RelayOptions options, Action<RelayForwarder> ended)
        : base(stream.Id, source, observer)
    {
        _observer = observer.AsReference<IRelayObserver<T>>();
        _maxBatch = options.MaxBatch;
        _ended = ended;
        _subscription = stream.Subscribe(OnNextAsync, new StreamSubscriptionOptions
        {
            Capacity = options.ForwarderCapacity,
            OverflowPolicy = StreamOverflowPolicy.DropOldest,
            Scope = StreamScope.Silo,
        });
    }

    public override long Forwarded => Interlocked.Read(ref _forwarded);

    public override long Dropped => _subscription.Dropped;

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask OnNextAsync(T item)
    {
        _batch.Add(item);

        // Pending counts the event in hand: 1 means nothing else is queued, so send now; otherwise keep collecting
        // (the queue filled while the previous batch was in flight) up to the batch limit.
        // (The subscription is null only for an event handled before the constructor stored it.)
        if ((_subscription?.Pending ?? 1) > 1 && _batch.Count < _maxBatch)
        {
            return;
        }

        var items = _batch.ToArray();
        _batch.Clear();
        bool wanted;
        try
        {
            wanted = await _observer.OnBatchAsync(Stream.Namespace, Stream.Key, items).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The observer's silo or client is gone (or timed out): it attaches again when it still wants the stream.
            wanted = false;
        }

        if (!wanted && Volatile.Read(ref _disposed) == 0)
        {
            await DisposeAsync().ConfigureAwait(false);
            _ended(this);
            return;
        }

        Interlocked.Add(ref _forwarded, items.Length);
    }
}
