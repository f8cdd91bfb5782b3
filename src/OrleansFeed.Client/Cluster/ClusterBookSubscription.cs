using System.Threading.Channels;
using Orleans;
using Orleans.Runtime;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Relay;

namespace OrleansFeed.Client.Cluster;

/// <summary>
/// A typed book subscription inside the cluster, over an Orleans <see cref="IGrainFactory"/> (a cluster client, or a
/// silo's): the book's silo relays its deltas to this object (one grain-observer call per batch), the snapshot comes
/// from the book grain. <see cref="ReadAllAsync"/> yields a snapshot, then gap-free deltas; a gap, a rebuild or a new
/// epoch (the book re-activated, e.g. after its silo died) yields a fresh snapshot. No NATS involved.
/// </summary>
/// <remarks>Create with <see cref="ClusterBookSubscriptionExtensions.SubscribeBookAsync"/>; dispose to end it. Thread-safe.</remarks>
public sealed class ClusterBookSubscription : IRelayObserver<BookDelta>, IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly ClusterBookSubscriptionOptions _options;
    private readonly Channel<BookUpdate> _updates;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private IRelayObserver<BookDelta>? _reference;
    private SiloAddress? _producer;
    private Task _refresh = Task.CompletedTask;
    private long _epoch = -1;
    private long _sequence = -1;
    private long _snapshots;
    private long _deltas;
    private long _refreshFailures;
    private int _disposed;

    private ClusterBookSubscription(IGrainFactory grains, BookKey book, ClusterBookSubscriptionOptions options)
    {
        _grains = grains;
        Book = book;
        _options = options;
        _updates = Channel.CreateBounded<BookUpdate>(new BoundedChannelOptions(options.Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>The book followed.</summary>
    public BookKey Book { get; }

    /// <summary>Snapshots yielded so far.</summary>
    public long Snapshots => Interlocked.Read(ref _snapshots);

    /// <summary>Deltas yielded so far.</summary>
    public long Deltas => Interlocked.Read(ref _deltas);

    /// <summary>Renewals of the attachment that failed (the book's silo unreachable); the next renewal tries again.</summary>
    public long RefreshFailures => Interlocked.Read(ref _refreshFailures);

    private string Key => Book.ToString();

    /// <summary>The updates, in order, until the subscription is disposed.</summary>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>Snapshot, then deltas; a snapshot again after any gap or new epoch.</returns>
    public IAsyncEnumerable<BookUpdate> ReadAllAsync(CancellationToken cancellationToken = default) => _updates.Reader.ReadAllAsync(cancellationToken);

    /// <inheritdoc />
    async Task<bool> IRelayObserver<BookDelta>.OnBatchAsync(string streamNamespace, string key, BookDelta[] items)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return false;
        }

        await _gate.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            foreach (var delta in items)
            {
                await OnDeltaLockedAsync(delta).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        return Volatile.Read(ref _disposed) == 0;
    }

    /// <inheritdoc />
    Task IRelayObserver.OnSourceEndedAsync(string streamNamespace, string key)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(_options.ReattachDelay, _options.TimeProvider, _stop.Token).ConfigureAwait(false);
                await AttachAsync(_stop.Token).ConfigureAwait(false);
                await ResyncAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Disposed meanwhile.
            }
            catch (Exception)
            {
                // The renewal loop attaches again.
                Interlocked.Increment(ref _refreshFailures);
            }
        });
        return Task.CompletedTask;
    }

    /// <summary>Ends the subscription: the relay drops it at its next batch; the reader's enumeration completes.</summary>
    /// <returns>Completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _refresh.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: the renewal loop ends with the token.
        }

        if (_reference is not null)
        {
            _grains.DeleteObjectReference<IRelayObserver<BookDelta>>(_reference);
        }

        _updates.Writer.TryComplete();
        _stop.Dispose();
    }

    internal static async Task<ClusterBookSubscription> StartAsync(IGrainFactory grains, BookKey book, ClusterBookSubscriptionOptions options, CancellationToken cancellationToken)
    {
        var subscription = new ClusterBookSubscription(grains, book, options);
        try
        {
            subscription._reference = grains.CreateObjectReference<IRelayObserver<BookDelta>>(subscription);

            // Attached before the snapshot, so no delta published after the snapshot is missed.
            await subscription.AttachAsync(cancellationToken).ConfigureAwait(false);
            await subscription.ResyncAsync(cancellationToken).ConfigureAwait(false);
            subscription._refresh = subscription.RefreshLoopAsync(subscription._stop.Token);
            return subscription;
        }
        catch
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task AttachAsync(CancellationToken cancellationToken)
    {
        var source = RelayedStreams.GetSource(_grains, StreamNamespaces.BookDeltas, Key);
        var attachment = await source.AttachRelayAsync(StreamNamespaces.BookDeltas, null, _reference!).WaitAsync(cancellationToken).ConfigureAwait(false);
        _producer = attachment.ProducerSilo;
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SnapshotLockedAsync(onlyIfChanged: true).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval, _options.TimeProvider);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var before = _producer;
                await AttachAsync(cancellationToken).ConfigureAwait(false);
                if (!Equals(before, _producer))
                {
                    // A new activation elsewhere: its first deltas were published before this attachment.
                    await ResyncAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _refreshFailures);
            }
        }
    }

    private async Task OnDeltaLockedAsync(BookDelta delta)
    {
        if (delta.Epoch < _epoch || (delta.Epoch == _epoch && delta.Sequence <= _sequence))
        {
            return; // Covered by the snapshot already yielded.
        }

        if (delta.Epoch > _epoch || delta.Kind == BookDeltaKind.Rebuilt || delta.Sequence != _sequence + 1)
        {
            // Taken after this delta arrived, so the snapshot includes it.
            await SnapshotLockedAsync(onlyIfChanged: false).ConfigureAwait(false);
            return;
        }

        await _updates.Writer.WriteAsync(new BookUpdate(null, delta), _stop.Token).ConfigureAwait(false);
        _sequence = delta.Sequence;
        Interlocked.Increment(ref _deltas);
    }

    private async Task SnapshotLockedAsync(bool onlyIfChanged)
    {
        var snapshot = await _grains.GetGrain<IOrderBookGrain>(Key).GetSnapshotAsync(_options.SnapshotDepth).ConfigureAwait(false);
        if (onlyIfChanged && snapshot.Epoch == _epoch && snapshot.Sequence == _sequence)
        {
            return;
        }

        await _updates.Writer.WriteAsync(new BookUpdate(snapshot, null), _stop.Token).ConfigureAwait(false);
        _epoch = snapshot.Epoch;
        _sequence = snapshot.Sequence;
        Interlocked.Increment(ref _snapshots);
    }
}
