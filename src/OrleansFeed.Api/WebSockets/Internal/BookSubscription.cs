using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>
/// One client's view of one book: subscribes to the book's deltas first, then sends a snapshot and the deltas after
/// it, so the client's sequence is gap-free. Any loss (queue full, or a sequence jump because the stream dropped)
/// conflates: deltas stop and a fresh snapshot is sent once the outbound queue has room.
/// </summary>
/// <remarks>Stream handler, snapshot completion and resume run on different threads; one lock orders them.
/// Nothing here waits while holding it.</remarks>
internal sealed class BookSubscription : SessionSubscription
{
    private readonly object _gate = new();
    private readonly WebSocketSession _session;
    private readonly IOrderBookGrain _grain;
    private readonly int _maxBuffered;
    private List<BookDelta> _buffer = [];
    private List<BookDelta> _replay = [];
    private IStreamSubscription? _stream;
    private BookSubscriptionState _state = BookSubscriptionState.Fetching;
    private bool _fetchInFlight;
    private long _lastSequence;
    private long _epoch;

    public BookSubscription(WebSocketSession session, Instrument instrument, IOrderBookGrain grain, int depth, int maxBuffered)
        : base("book", instrument)
    {
        _session = session;
        _grain = grain;
        Depth = depth;
        _maxBuffered = maxBuffered;
    }

    /// <summary>Levels per side of every snapshot sent.</summary>
    public int Depth { get; }

    /// <summary>Subscribes to the deltas (buffering), then fetches the first snapshot in the background.</summary>
    public void Start(IStreamProvider streams, int capacity)
    {
        var options = new StreamSubscriptionOptions { Capacity = capacity, OverflowPolicy = StreamOverflowPolicy.DropOldest };
        _stream = streams.GetStream<BookDelta>(new FanOutStreamId(StreamNamespaces.BookDeltas, StreamKey)).Subscribe(OnDeltaAsync, options);
        lock (_gate)
        {
            BeginFetchLocked();
        }
    }

    /// <summary>Called when the outbound queue may have room: a conflated subscription fetches its fresh snapshot.</summary>
    public void TryResume()
    {
        lock (_gate)
        {
            if (!Disposed && _state == BookSubscriptionState.Conflated && !_fetchInFlight && _session.HasRoomForSnapshot)
            {
                BeginFetchLocked();
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _ = base.DisposeAsync();
        }

        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }
    }

    private ValueTask OnDeltaAsync(BookDelta delta)
    {
        lock (_gate)
        {
            if (Disposed)
            {
                return ValueTask.CompletedTask;
            }

            switch (_state)
            {
                case BookSubscriptionState.Fetching:
                    // Beyond the cap deltas are dropped: the replay then sees a sequence jump and conflates.
                    if (_buffer.Count < _maxBuffered)
                    {
                        _buffer.Add(delta);
                    }

                    break;
                case BookSubscriptionState.Live:
                    ForwardLocked(delta);
                    break;
                default:
                    break; // Conflated: the coming snapshot covers it.
            }
        }

        return ValueTask.CompletedTask;
    }

    private void ForwardLocked(BookDelta delta)
    {
        if (delta.Epoch < _epoch)
        {
            return; // From an earlier incarnation or rebuild than the snapshot the client holds.
        }

        if (delta.Epoch > _epoch)
        {
            // A rebuild or a new incarnation of the book (re-activated: its sequence starts again): take a fresh snapshot.
            BeginFetchLocked();
            return;
        }

        if (delta.Sequence <= _lastSequence)
        {
            return; // Already in the snapshot the client holds.
        }

        if (delta.Kind == BookDeltaKind.Rebuilt)
        {
            BeginFetchLocked();
            return;
        }

        if (delta.Sequence != _lastSequence + 1)
        {
            ConflateLocked("sequence jump");
            return;
        }

        if (!_session.TryEnqueue(OutboundMessage.Delta(this, delta)))
        {
            ConflateLocked("queue full");
            return;
        }

        _lastSequence = delta.Sequence;
    }

    private void ConflateLocked(string reason)
    {
        _session.OnConflated(this, reason, _lastSequence);
        if (_session.HasRoomForSnapshot)
        {
            BeginFetchLocked();
        }
        else
        {
            _state = BookSubscriptionState.Conflated;
            _session.MarkConflated();
        }
    }

    private void BeginFetchLocked()
    {
        _state = BookSubscriptionState.Fetching;
        _buffer.Clear();
        if (!_fetchInFlight)
        {
            _fetchInFlight = true;
            _ = Task.Run(FetchAsync);
        }
    }

    private async Task FetchAsync()
    {
        while (true)
        {
            BookSnapshot snapshot;
            try
            {
                snapshot = await _grain.GetSnapshotAsync(Depth).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _session.OnSnapshotFailed(this, ex);
                lock (_gate)
                {
                    _fetchInFlight = false;
                    _state = BookSubscriptionState.Conflated;
                    _session.MarkConflated();
                }

                return;
            }

            lock (_gate)
            {
                if (Disposed)
                {
                    _fetchInFlight = false;
                    return;
                }

                // A Rebuilt seen while this fetch ran may postdate the snapshot: fetch again.
                if (_buffer.Exists(d => d.Epoch > snapshot.Epoch || (d.Kind == BookDeltaKind.Rebuilt && d.Epoch == snapshot.Epoch && d.Sequence > snapshot.Sequence)))
                {
                    _buffer.Clear();
                    continue;
                }

                _fetchInFlight = false;
                ApplySnapshotLocked(snapshot);
                return;
            }
        }
    }

    private void ApplySnapshotLocked(BookSnapshot snapshot)
    {
        if (!_session.TryEnqueue(OutboundMessage.Snapshot(this, snapshot)))
        {
            _state = BookSubscriptionState.Conflated;
            _session.MarkConflated();
            return;
        }

        _session.OnSnapshotQueued();
        _lastSequence = snapshot.Sequence;
        _epoch = snapshot.Epoch;
        _state = BookSubscriptionState.Live;
        (_replay, _buffer) = (_buffer, _replay);
        foreach (var delta in _replay)
        {
            if (_state != BookSubscriptionState.Live)
            {
                break;
            }

            ForwardLocked(delta);
        }

        _replay.Clear();
    }
}
