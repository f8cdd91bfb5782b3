using System.Buffers;
using Microsoft.Extensions.Logging;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Grains.OrderBooks;

/// <summary>
/// The state of one <see cref="OrderBookGrain"/> activation (its venue sync procedure, L2 book, delta sequence, recent
/// trades and the venue's BBO), fed in place: the connector on the same silo hands each batch to <see cref="TryApply"/>
/// on its own thread, so a venue update reaches the book without a grain call, a message or a thread hop, and nothing
/// is allocated for it but the published <see cref="BookDelta"/>. The grain's reads take the same lock, so every answer
/// is a state between two events, as in a grain turn.
/// </summary>
/// <remarks>
/// <para>Created and registered in the <see cref="BookDirectory"/> when the grain activates; closed when it deactivates.
/// A closed book refuses batches, and the connector then calls the grain, whose next activation starts a new epoch.
/// The grain's own <see cref="IBookFeedGrain.ApplyAsync"/> (a connector on another silo, or before the first activation)
/// applies through the same method.</para>
/// <para>Deltas are handed to the fan-out under the lock, so they enter every consumer's queue in sequence order. A
/// consumer with the <see cref="StreamOverflowPolicy.Wait"/> policy and a full queue makes a publish pending: later
/// deltas then wait in a backlog, in order, and <see cref="TryApply"/> returns the backlog's drain so the feeder waits
/// (back-pressure, nothing dropped).</para>
/// <para>Thread-safe. One feeder at a time is expected (the connector's <c>BookFeed</c> delivers one batch at a time).</para>
/// </remarks>
internal sealed partial class LiveBook
{
    private const int TradeHistory = 1000;

    private readonly Lock _lock = new();
    private readonly BookDeltaBuilder _changes = new();
    private readonly Trade[] _trades = new Trade[TradeHistory];
    private readonly Queue<BookDelta> _backlog = new();
    private readonly IBookSynchronizer _sync;
    private readonly IAsyncStream<BookDelta> _deltas;
    private readonly BookEpochs _epochs;
    private readonly Func<string, Task> _requestSnapshot;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _venueTag;
    private int _tradeCount;
    private long _sequence;
    private BestBidOffer? _venueBbo;
    private Timestamp _exchangeTime;
    private Timestamp _receiveTime;
    private Task? _draining;
    private volatile bool _closed;

    /// <summary>Creates the live state of a book activation.</summary>
    /// <param name="key">The venue-symbol.</param>
    /// <param name="instrument">Its instrument (canonical name, tick and lot size).</param>
    /// <param name="sync">The venue's sync procedure for the symbol (owned from now on).</param>
    /// <param name="deltas">The silo-local fan-out stream the deltas go to.</param>
    /// <param name="epochs">The activation's epoch base and its reservation in grain state.</param>
    /// <param name="requestSnapshot">Asks the venue's connector for a snapshot of the symbol (a grain call).</param>
    /// <param name="clock">The silo's clock (for the receive → publish latency metric).</param>
    /// <param name="logger">Logger.</param>
    public LiveBook(BookKey key, Instrument instrument, IBookSynchronizer sync, IAsyncStream<BookDelta> deltas, BookEpochs epochs, Func<string, Task> requestSnapshot, TimeProvider clock, ILogger logger)
    {
        Key = key;
        Instrument = instrument;
        _sync = sync;
        _deltas = deltas;
        _epochs = epochs;
        _requestSnapshot = requestSnapshot;
        _clock = clock;
        _logger = logger;
        _venueTag = BookLatencyMetrics.VenueTag(key.Venue);
    }

    /// <summary>The venue-symbol.</summary>
    public BookKey Key { get; }

    /// <summary>The instrument.</summary>
    public Instrument Instrument { get; }

    /// <summary>True once the activation ended: batches are refused from then on.</summary>
    public bool IsClosed => _closed;

    /// <summary>The book's state as of now, for readiness and metrics (read without the lock: values may be an event old).</summary>
    public BookStatus Status => new(_sync.State, _sync.Epoch, _sync.LastUpdateId, _sync.Counters);

    /// <summary>
    /// The epoch consumers see: this incarnation's base plus the sync procedure's own rebuild count. The base is above
    /// every epoch an earlier activation of this book could have published (<see cref="BookEpochs"/>), so a re-activated
    /// book is always a new epoch and every consumer takes a fresh snapshot instead of ignoring its restarted sequence.
    /// </summary>
    private long Epoch => _epochs.Base + _sync.Epoch;

    /// <summary>
    /// Applies one batch, in order: its book events through the venue's sync procedure (publishing a delta for every
    /// change), then its trades, then its BBO.
    /// </summary>
    /// <param name="events">Book event headers, in receive order.</param>
    /// <param name="levels">Their levels back to back; copied (into pooled arrays the sync procedure owns), not kept.</param>
    /// <param name="trades">Trades, oldest first.</param>
    /// <param name="bbo">The venue's latest BBO in the batch; null when none.</param>
    /// <param name="publishing">Completed, unless a consumer's full queue holds deltas back: then it completes when they
    /// are all queued, and the caller waits for it before the next batch.</param>
    /// <returns>False when the activation has ended (nothing was applied).</returns>
    public bool TryApply(ReadOnlySpan<BookEventHeader> events, ReadOnlySpan<LevelUpdate> levels, ReadOnlySpan<Trade> trades, BestBidOffer? bbo, out ValueTask publishing)
    {
        var requestSnapshot = false;
        lock (_lock)
        {
            if (_closed)
            {
                publishing = default;
                return false;
            }

            foreach (ref readonly var header in events)
            {
                OnBookEvent(header, levels, ref requestSnapshot);
            }

            foreach (ref readonly var trade in trades)
            {
                _trades[_tradeCount % TradeHistory] = trade;
                if (++_tradeCount == 2 * TradeHistory)
                {
                    _tradeCount = TradeHistory; // keeps the index bounded; the ring is unchanged
                }
            }

            if (bbo is not null)
            {
                _venueBbo = bbo;
            }

            publishing = _draining is { } draining ? new ValueTask(draining) : default;
        }

        if (requestSnapshot)
        {
            RequestSnapshot();
        }

        return true;
    }

    /// <summary>Ends the activation's feed: later batches are refused (the connector then calls the grain).</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
        }
    }

    /// <summary>The book's top levels with its sync state and counters, as of one moment between two events.</summary>
    /// <param name="depth">Levels per side.</param>
    /// <param name="silo">The silo answering (<see cref="BookSnapshot.Silo"/>).</param>
    /// <returns>The snapshot.</returns>
    public BookSnapshot Snapshot(int depth, string silo)
    {
        lock (_lock)
        {
            var book = _sync.Book;
            var c = _sync.Counters;
            return new BookSnapshot(
                Key.Venue,
                Key.Symbol,
                Instrument.Canonical,
                _sync.State,
                Epoch,
                _sequence,
                _sync.LastUpdateId,
                _exchangeTime,
                _receiveTime,
                book.ToArray(BookSide.Bid, depth),
                book.ToArray(BookSide.Ask, depth),
                new BookCounters(c.Messages, c.Applied, c.Gaps, c.Resyncs, c.SnapshotsLoaded, c.Duplicates, c.CrossedBooks, c.ChecksumFailures, c.RejectedFrames, c.LastVerified)
                {
                    ChecksumsVerified = c.ChecksumsVerified,
                })
            {
                Silo = silo,
            };
        }
    }

    /// <summary>The most recent trades, newest first.</summary>
    /// <param name="limit">At most this many (clamped to 0..1000).</param>
    /// <returns>The trades.</returns>
    public Trade[] RecentTrades(int limit)
    {
        lock (_lock)
        {
            var count = Math.Min(Math.Clamp(limit, 0, TradeHistory), Math.Min(_tradeCount, TradeHistory));
            var result = new Trade[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = _trades[(_tradeCount - 1 - i) % TradeHistory];
            }

            return result;
        }
    }

    /// <summary>BBO from the book, the last trade and the venue's own last BBO.</summary>
    /// <returns>The ticker.</returns>
    public Ticker Ticker()
    {
        lock (_lock)
        {
            var book = _sync.Book;
            BookLevel? bid = book.TryGetBestBid(out var b) ? b : null;
            BookLevel? ask = book.TryGetBestAsk(out var a) ? a : null;
            Trade? last = _tradeCount > 0 ? _trades[(_tradeCount - 1) % TradeHistory] : null;
            return new Ticker(Key.Venue, Key.Symbol, Instrument.Canonical, _sync.State, bid, ask, last, _venueBbo);
        }
    }

    private void OnBookEvent(in BookEventHeader header, ReadOnlySpan<LevelUpdate> levels, ref bool requestSnapshot)
    {
        // The sync procedure owns (and returns) the levels of the events it keeps: give it a pooled copy of the slice.
        LevelUpdate[]? owned = null;
        if (header.LevelCount > 0)
        {
            owned = ArrayPool<LevelUpdate>.Shared.Rent(header.LevelCount);
            levels.Slice(header.LevelOffset, header.LevelCount).CopyTo(owned);
        }

        var bookEvent = new BookEvent(header.Kind, Key.Symbol, header.FirstUpdateId, header.LastUpdateId, header.PreviousUpdateId, owned, header.LevelCount, header.ExchangeTime, header.ReceiveTime)
        {
            Checksum = header.Checksum,
        };

        var before = _sync.State;
        _changes.Begin();
        var result = _sync.OnEvent(bookEvent, _changes);
        if (result.Action is SyncAction.Applied or SyncAction.SnapshotLoaded)
        {
            _exchangeTime = bookEvent.ExchangeTime;
            _receiveTime = bookEvent.ReceiveTime;
        }

        if (_changes.Rebuilt)
        {
            LogBookSynced(_logger, Key.Venue, Key.Symbol, Epoch, _sync.LastUpdateId);
            _epochs.OnPublishing(Epoch);
            Publish(BookDeltaKind.Rebuilt, bookEvent);
        }
        else if (_sync.State != BookSyncState.Syncing && (_changes.Count > 0 || _sync.State != before))
        {
            // Level changes, or a move between synced, unverified and unverifiable (then without changes): consumers see the state.
            Publish(BookDeltaKind.Update, bookEvent);
        }

        if (before != BookSyncState.Syncing && _sync.State == BookSyncState.Syncing)
        {
            LogBookResyncStarted(_logger, Key.Venue, Key.Symbol, result.Reason, _sync.LastUpdateId);
            Publish(BookDeltaKind.Stale, bookEvent);
        }

        requestSnapshot |= result.Action == SyncAction.RequestSnapshot;
    }

    private void Publish(BookDeltaKind kind, in BookEvent cause)
    {
        // The delta is shared by reference with every consumer of the stream, so it is new per update (see BookDeltaBuilder).
        var delta = _changes.Build(Key, kind, ++_sequence, Epoch, _sync.State, _sync.LastUpdateId, cause.ExchangeTime, cause.ReceiveTime);
        if (kind == BookDeltaKind.Update && BookLatencyMetrics.Enabled && !cause.ReceiveTime.IsNone)
        {
            BookLatencyMetrics.Record(Timestamp.Now(_clock).UnixMicroseconds - cause.ReceiveTime.UnixMicroseconds, _venueTag);
        }

        if (_draining is not null)
        {
            _backlog.Enqueue(delta);
            return;
        }

        var queued = Enqueue(delta);
        if (!queued.IsCompletedSuccessfully)
        {
            // A drain that finished at once (the consumer made room meanwhile) has nothing left to guard.
            var drain = DrainAsync(queued);
            _draining = drain.IsCompleted ? null : drain;
        }
    }

    private ValueTask Enqueue(BookDelta delta)
    {
        try
        {
            return _deltas.OnNextAsync(delta);
        }
        catch (Exception ex)
        {
            // The book is unchanged by a lost delta; its consumers see the sequence gap and take a snapshot.
            LogPublishFailed(_logger, Key.Venue, Key.Symbol, delta.Sequence, ex);
            return default;
        }
    }

    private async Task DrainAsync(ValueTask pending)
    {
        while (true)
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogPublishFailed(_logger, Key.Venue, Key.Symbol, -1, ex);
            }

            lock (_lock)
            {
                // Published under the lock (as on the fast path), so a delta applied meanwhile cannot overtake the backlog.
                pending = default;
                while (pending.IsCompletedSuccessfully && _backlog.TryDequeue(out var next))
                {
                    pending = Enqueue(next);
                }

                if (pending.IsCompletedSuccessfully)
                {
                    _draining = null;
                    return;
                }
            }
        }
    }

    private void RequestSnapshot()
    {
        Task request;
        try
        {
            request = _requestSnapshot(Key.Symbol);
        }
        catch (Exception ex)
        {
            OnSnapshotRequestFailed(ex);
            return;
        }

        if (!request.IsCompletedSuccessfully)
        {
            _ = ObserveSnapshotRequestAsync(request);
        }
    }

    private async Task ObserveSnapshotRequestAsync(Task request)
    {
        try
        {
            await request.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            OnSnapshotRequestFailed(ex);
        }
    }

    private void OnSnapshotRequestFailed(Exception ex)
    {
        // The next diff asks again; the connector paces and retries its REST calls.
        lock (_lock)
        {
            _sync.OnSnapshotRequestFailed();
        }

        LogSnapshotRequestFailed(_logger, Key.Venue, Key.Symbol, ex.Message);
    }

    [LoggerMessage(EventId = 2001, EventName = "BookSynced", Level = LogLevel.Information, Message = "Book {Venue}:{Symbol} synced: epoch {Epoch}, last update id {LastUpdateId}")]
    private static partial void LogBookSynced(ILogger logger, string venue, string symbol, long epoch, long lastUpdateId);

    [LoggerMessage(EventId = 2002, EventName = "BookResyncStarted", Level = LogLevel.Warning, Message = "Book {Venue}:{Symbol} resyncing ({Reason}) after update id {LastUpdateId}; marked stale, still readable")]
    private static partial void LogBookResyncStarted(ILogger logger, string venue, string symbol, ResyncReason reason, long lastUpdateId);

    [LoggerMessage(EventId = 2003, EventName = "SnapshotRequestFailed", Level = LogLevel.Warning, Message = "Snapshot request for {Venue}:{Symbol} failed: {Error}")]
    private static partial void LogSnapshotRequestFailed(ILogger logger, string venue, string symbol, string error);

    [LoggerMessage(EventId = 2006, EventName = "BookDeltaPublishFailed", Level = LogLevel.Warning, Message = "Book {Venue}:{Symbol}: delta {Sequence} could not be handed to the fan-out; its consumers resync on the gap")]
    private static partial void LogPublishFailed(ILogger logger, string venue, string symbol, long sequence, Exception exception);
}
