using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Grains.Tests.Relay;

/// <summary>
/// A consumer following one book the way a WebSocket session does: subscribes to the book's deltas on one silo's
/// fan-out (cluster scope), takes the snapshot from the book grain through that silo, applies gap-free deltas, and takes
/// a fresh snapshot on a new epoch, a rebuild or a sequence gap. Counts what it saw.
/// </summary>
internal sealed class BookFollower : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IGrainFactory _grains;
    private readonly string _key;
    private readonly SortedDictionary<FixedDecimal, FixedDecimal> _bids = [];
    private readonly SortedDictionary<FixedDecimal, FixedDecimal> _asks = [];
    private readonly List<long> _snapshotEpochs = [];
    private IStreamSubscription? _subscription;
    private long _epoch = -1;
    private long _sequence = -1;
    private long _applied;

    private BookFollower(IGrainFactory grains, string key)
    {
        _grains = grains;
        _key = key;
    }

    /// <summary>Deltas applied (not covered by a snapshot).</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>The sequence of the last snapshot taken.</summary>
    public long LastSnapshotSequence { get; private set; }

    /// <summary>The epochs of the snapshots taken, in order.</summary>
    public IReadOnlyList<long> SnapshotEpochs
    {
        get
        {
            lock (_snapshotEpochs)
            {
                return [.. _snapshotEpochs];
            }
        }
    }

    public static async Task<BookFollower> StartAsync(IStreamProvider streams, IGrainFactory grains, string key)
    {
        var follower = new BookFollower(grains, key);
        follower._subscription = streams.GetStream<BookDelta>(new FanOutStreamId(StreamNamespaces.BookDeltas, key))
            .Subscribe(follower.OnDeltaAsync, new StreamSubscriptionOptions { Capacity = 1_000_000 });
        await follower._gate.WaitAsync();
        try
        {
            await follower.SnapshotLockedAsync();
        }
        finally
        {
            follower._gate.Release();
        }

        return follower;
    }

    /// <summary>True when this follower holds exactly the book in <paramref name="snapshot"/> (same epoch, sequence and levels).</summary>
    public async Task<bool> EqualsAsync(BookSnapshot snapshot)
    {
        await _gate.WaitAsync();
        try
        {
            return snapshot.Epoch == _epoch && snapshot.Sequence == _sequence
                && Same(snapshot.Bids, _bids.Reverse()) && Same(snapshot.Asks, _asks);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }

    private static bool Same(BookLevel[] levels, IEnumerable<KeyValuePair<FixedDecimal, FixedDecimal>> held) =>
        levels.Select(l => (l.Price, l.Size)).SequenceEqual(held.Select(h => (h.Key, h.Value)));

    private async ValueTask OnDeltaAsync(BookDelta delta)
    {
        await _gate.WaitAsync();
        try
        {
            if (delta.Epoch < _epoch || (delta.Epoch == _epoch && delta.Sequence <= _sequence))
            {
                return; // Covered by the snapshot held.
            }

            if (delta.Epoch > _epoch || delta.Kind == BookDeltaKind.Rebuilt || delta.Sequence != _sequence + 1)
            {
                // Taken after this delta arrived, so the snapshot includes it.
                await SnapshotLockedAsync();
                return;
            }

            foreach (var change in delta.Changes)
            {
                var side = change.Side == BookSide.Bid ? _bids : _asks;
                if (change.Size.IsZero)
                {
                    side.Remove(change.Price);
                }
                else
                {
                    side[change.Price] = change.Size;
                }
            }

            _sequence = delta.Sequence;
            Interlocked.Increment(ref _applied);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SnapshotLockedAsync()
    {
        var snapshot = await _grains.GetGrain<IOrderBookGrain>(_key).GetSnapshotAsync(int.MaxValue);
        _bids.Clear();
        _asks.Clear();
        foreach (var level in snapshot.Bids)
        {
            _bids[level.Price] = level.Size;
        }

        foreach (var level in snapshot.Asks)
        {
            _asks[level.Price] = level.Size;
        }

        _epoch = snapshot.Epoch;
        _sequence = snapshot.Sequence;
        LastSnapshotSequence = snapshot.Sequence;
        lock (_snapshotEpochs)
        {
            _snapshotEpochs.Add(snapshot.Epoch);
        }
    }
}
