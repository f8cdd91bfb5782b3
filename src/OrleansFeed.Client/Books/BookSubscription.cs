using OrleansFeed.Grains.Subjects;
using OrleansFeed.Client.Internal;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.Abstractions;
using NATS.Client.Core;

namespace OrleansFeed.Client.Books;

/// <summary>
/// A maintained copy of one silo book over NATS: subscribes to <c>{prefix}.book.{venue}.{symbol}</c>, takes a
/// snapshot by request/reply, applies the deltas after it in sequence, and re-takes the snapshot (without
/// reconnecting) on a sequence gap, an epoch change, a rebuild, a bridge restart or a NATS reconnect.
/// </summary>
/// <remarks>
/// The recipe is docs/nats-bridge.md, "Gap recovery". Deltas arriving while a snapshot is pending are buffered and
/// those after the snapshot's sequence are applied on top. Thread-safe: reads take a short lock against the
/// subscription's own loop. Dispose to unsubscribe.
/// </remarks>
public sealed partial class BookSubscription : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly OrleansFeedClient _client;
    private readonly OrderBook _book = new();
    private readonly List<DeltaMessage> _buffer = [];
    private readonly CancellationTokenSource _cts = new();
    private readonly SemaphoreSlim _wake = new(0);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private INatsSub<ReadOnlyMemory<byte>>? _subscription;
    private Task _loop = Task.CompletedTask;
    private string? _source;
    private bool _resyncing = true;
    private bool _needSnapshot = true;
    private bool _loaded;
    private bool _stale = true;
    private long _epoch;
    private long _sequence;
    private long _snapshots;
    private long _gaps;
    private long _epochChanges;
    private long _rebuilds;
    private long _reconnects;
    private long _applied;
    private long _malformed;

    internal BookSubscription(OrleansFeedClient client, BookKey book)
    {
        _client = client;
        Book = book;
        Subject = MdSubjects.Book(client.Options.SubjectPrefix, book.Venue, book.Symbol);
    }

    /// <summary>The book followed.</summary>
    public BookKey Book { get; }

    /// <summary>The delta subject subscribed to.</summary>
    public string Subject { get; }

    /// <summary>True once a snapshot is loaded and no resync is pending: the levels equal the silo's at <see cref="Sequence"/>.</summary>
    public bool IsLive
    {
        get
        {
            lock (_gate)
            {
                return _loaded && !_resyncing;
            }
        }
    }

    /// <summary>True when the silo marks the book stale (resyncing with its venue) or this copy is resyncing.</summary>
    public bool IsStale
    {
        get
        {
            lock (_gate)
            {
                return _stale || _resyncing;
            }
        }
    }

    /// <summary>The book epoch of the copy (the silo's rebuild count).</summary>
    public long Epoch => Read(() => _epoch);

    /// <summary>The sequence of the last delta applied (or of the snapshot).</summary>
    public long Sequence => Read(() => _sequence);

    /// <summary>Snapshots loaded (first one included).</summary>
    public long SnapshotsLoaded => Read(() => _snapshots);

    /// <summary>Sequence gaps detected (each followed by a snapshot).</summary>
    public long Gaps => Read(() => _gaps);

    /// <summary>Epoch changes seen without a rebuild message, and bridge restarts (<c>Md-Source</c> changed); each followed by a snapshot.</summary>
    public long EpochChanges => Read(() => _epochChanges);

    /// <summary>Rebuild messages seen (each followed by a snapshot).</summary>
    public long Rebuilds => Read(() => _rebuilds);

    /// <summary>NATS reconnects seen (each followed by a snapshot).</summary>
    public long Reconnects => Read(() => _reconnects);

    /// <summary>Update deltas applied.</summary>
    public long DeltasApplied => Read(() => _applied);

    /// <summary>Messages on the subject that could not be decoded (skipped and counted).</summary>
    public long MalformedMessages => Read(() => _malformed);

    /// <summary>The best <paramref name="depth"/> levels of one side, best first (prices quote currency, sizes base units).</summary>
    /// <param name="side">Bid or ask.</param>
    /// <param name="depth">Levels at most; default all.</param>
    /// <returns>A copy.</returns>
    public BookLevel[] GetLevels(BookSide side, int depth = int.MaxValue)
    {
        lock (_gate)
        {
            return _book.ToArray(side, depth);
        }
    }

    /// <summary>Runs <paramref name="reader"/> on the maintained book under the subscription's lock (keep it short; do not keep the book).</summary>
    /// <typeparam name="T">Result type.</typeparam>
    /// <param name="reader">Reads the book.</param>
    /// <returns>Its result.</returns>
    public T ReadBook<T>(Func<OrderBook, T> reader)
    {
        lock (_gate)
        {
            return reader(_book);
        }
    }

    /// <summary>Completes once <paramref name="condition"/> holds; evaluated now and after every change of the copy.</summary>
    /// <param name="condition">Checked outside the lock; may read this subscription.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes when the condition holds.</returns>
    /// <exception cref="OperationCanceledException">Cancelled first.</exception>
    public async Task WaitUntilAsync(Func<BookSubscription, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _changed);
            if (condition(this))
            {
                return;
            }

            await changed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Unsubscribes and stops the loop. Idempotent.</summary>
    /// <returns>Completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_cts.IsCancellationRequested)
        {
            return;
        }

        _client.Connection.ConnectionOpened -= OnConnectionOpened;
        await _cts.CancelAsync().ConfigureAwait(false);
        if (_subscription is not null)
        {
            try
            {
                await _subscription.DisposeAsync().ConfigureAwait(false);
            }
            catch (NatsException)
            {
                // The UNSUB timed out (NATS slow or gone): the server drops the interest with the connection.
            }
        }

        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _cts.Dispose();
        _wake.Dispose();
    }

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscribe before asking for the snapshot, so every delta after the snapshot's sequence is received.
        _subscription = await _client.Connection.SubscribeCoreAsync<ReadOnlyMemory<byte>>(Subject, opts: _client.Options.DeltaSubOpts, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _client.Connection.PingAsync(cancellationToken).ConfigureAwait(false);
        _client.Connection.ConnectionOpened += OnConnectionOpened;
        _loop = Task.Run(() => RunAsync(_subscription, _cts.Token), CancellationToken.None);
    }

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private ValueTask OnConnectionOpened(object? sender, NatsEventArgs e)
    {
        // Messages published while we were away are lost: resync even if the book is quiet.
        lock (_gate)
        {
            _reconnects++;
            ResyncLocked();
        }

        try
        {
            _wake.Release();
        }
        catch (ObjectDisposedException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private void SignalChanged() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
