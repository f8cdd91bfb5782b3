using OrleansFeed.Core.Quotes;
using System.Buffers;
using Microsoft.Extensions.Logging;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Instruments;
using Orleans.Placement;
using Orleans.Runtime.Placement;
using OrleansFeed.Grains.Common;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Grains.OrderBooks;

/// <summary>
/// Keeps one venue-symbol's L2 book in sync with the venue by running the venue's <see cref="IBookSynchronizer"/>
/// over the connector's events, asks the connector for snapshots when the procedure needs one, and publishes
/// every change as a <see cref="BookDelta"/> with a gap-free sequence. Thin: the rules live in the venue's sync class.
/// </summary>
[KeepAlive]
[PreferLocalPlacement]
public sealed partial class OrderBookGrain : FeedGrain, IOrderBookGrain, IBookFeedGrain
{
    private const int TradeHistory = 1000;

    private readonly VenueRegistry _venues;
    private readonly IInstrumentCatalog _catalog;
    private readonly BookDirectory _directory;
    private readonly ILogger<OrderBookGrain> _logger;
    private readonly IPersistentState<BookIncarnationState> _incarnation;
    private readonly BookDeltaBuilder _changes = new();
    private readonly Trade[] _trades = new Trade[TradeHistory];
    private IBookSynchronizer _sync = null!;
    private IAsyncStream<BookDelta> _deltas = null!;
    private Instrument _instrument = null!;
    private BookKey _key;
    private int _tradeCount;
    private long _sequence;
    private BestBidOffer? _venueBbo;
    private Timestamp _exchangeTime;
    private Timestamp _receiveTime;
    private long _epochBase;
    private KeyValuePair<string, object?> _venueTag;

    /// <summary>Created by the runtime per activation.</summary>
    /// <param name="venues">Venue adapters.</param>
    /// <param name="catalog">Instrument catalog.</param>
    /// <param name="directory">Where the book registers its live state for health and metrics.</param>
    /// <param name="incarnation">Grain state: the last epoch published, so the next activation starts above it.</param>
    /// <param name="logger">Logger.</param>
    public OrderBookGrain(VenueRegistry venues, IInstrumentCatalog catalog, BookDirectory directory, [PersistentState("incarnation")] IPersistentState<BookIncarnationState> incarnation, ILogger<OrderBookGrain> logger)
    {
        _incarnation = incarnation;
        _venues = venues;
        _catalog = catalog;
        _directory = directory;
        _logger = logger;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!BookKey.TryParse(GrainKey, out _key) || !_venues.TryGet(_key.Venue, out var venue))
        {
            throw new ArgumentException($"'{GrainKey}' is not a venue:symbol key of a known venue.");
        }

        _instrument = _catalog.TryGet(_key, out var known) ? known : venue.InferInstrument(_key.Symbol);
        _sync = venue.CreateBookSync(_key.Symbol);
        _venueTag = BookLatencyMetrics.VenueTag(_key.Venue);
        var key = _key.ToString();
        _deltas = StreamProvider.GetStream<BookDelta>(new FanOutStreamId(StreamNamespaces.BookDeltas, key));
        _epochBase = _incarnation.RecordExists ? _incarnation.State.LastEpoch + 1 : 0;
        await RememberEpochAsync();
        _directory.Register(_key, _sync);
    }

    private async Task RememberEpochAsync()
    {
        try
        {
            _incarnation.State = new BookIncarnationState(Epoch);
            await _incarnation.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // Without the record the next activation may reuse an epoch: its consumers then resync on the sequence gap instead.
            LogIncarnationWriteFailed(_logger, _key.Venue, _key.Symbol, ex.Message);
        }
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _directory.Unregister(_key);
        return DisposeSubscriptionsAsync();
    }

    /// <inheritdoc />
    public Task EnsureActiveAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task<bool> FollowConnectorAsync(SiloAddress connectorSilo)
    {
        if (connectorSilo.Equals(LocalSilo))
        {
            return Task.FromResult(false);
        }

        LogFollowingConnector(_logger, _key.Venue, _key.Symbol, connectorSilo.ToString());
        RequestContext.Set(IPlacementDirector.PlacementHintKey, connectorSilo);
        MigrateOnIdle();
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public async Task ApplyAsync(BookEventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var header in batch.Events)
        {
            // The sync procedure owns (and returns) the levels of the events it keeps: give it a pooled copy of the slice.
            LevelUpdate[]? levels = null;
            if (header.LevelCount > 0)
            {
                levels = ArrayPool<LevelUpdate>.Shared.Rent(header.LevelCount);
                batch.Levels.AsSpan(header.LevelOffset, header.LevelCount).CopyTo(levels);
            }

            var bookEvent = new BookEvent(header.Kind, _key.Symbol, header.FirstUpdateId, header.LastUpdateId, header.PreviousUpdateId, levels, header.LevelCount, header.ExchangeTime, header.ReceiveTime)
            {
                Checksum = header.Checksum,
            };
            await OnBookEventAsync(bookEvent);
        }

        foreach (var trade in batch.Trades)
        {
            OnTrade(trade);
        }

        if (batch.Bbo is { } bbo)
        {
            _venueBbo = bbo;
        }
    }

    /// <inheritdoc />
    public Task<BookSnapshot> GetSnapshotAsync(int depth)
    {
        var book = _sync.Book;
        var c = _sync.Counters;
        return Task.FromResult(new BookSnapshot(
            _key.Venue,
            _key.Symbol,
            _instrument.Canonical,
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
            Silo = RuntimeIdentity,
        });
    }

    /// <inheritdoc />
    public Task<Trade[]> GetRecentTradesAsync(int limit)
    {
        var count = Math.Min(Math.Clamp(limit, 0, TradeHistory), Math.Min(_tradeCount, TradeHistory));
        var result = new Trade[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = _trades[(_tradeCount - 1 - i) % TradeHistory];
        }

        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public Task<Ticker> GetTickerAsync()
    {
        var book = _sync.Book;
        BookLevel? bid = book.TryGetBestBid(out var b) ? b : null;
        BookLevel? ask = book.TryGetBestAsk(out var a) ? a : null;
        Trade? last = _tradeCount > 0 ? _trades[(_tradeCount - 1) % TradeHistory] : null;
        return Task.FromResult(new Ticker(_key.Venue, _key.Symbol, _instrument.Canonical, _sync.State, bid, ask, last, _venueBbo));
    }

    /// <summary>
    /// The epoch consumers see: this incarnation's base plus the sync procedure's own rebuild count. The base is one
    /// past the last epoch any earlier activation of this book published (kept in grain state), so a re-activated book
    /// is always a new epoch and every consumer (WebSocket subscription, aggregator mirror, .NET client) takes a fresh
    /// snapshot instead of ignoring the new incarnation's restarted sequence.
    /// </summary>
    private long Epoch => _epochBase + _sync.Epoch;

    private async ValueTask OnBookEventAsync(BookEvent bookEvent)
    {
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
            LogBookSynced(_logger, _key.Venue, _key.Symbol, Epoch, _sync.LastUpdateId);
            await RememberEpochAsync();
            await PublishAsync(BookDeltaKind.Rebuilt, bookEvent);
        }
        else if (_sync.State != BookSyncState.Syncing && (_changes.Count > 0 || _sync.State != before))
        {
            // Level changes, or a move between synced, unverified and unverifiable (then without changes): consumers see the state.
            await PublishAsync(BookDeltaKind.Update, bookEvent);
        }

        if (before != BookSyncState.Syncing && _sync.State == BookSyncState.Syncing)
        {
            LogBookResyncStarted(_logger, _key.Venue, _key.Symbol, result.Reason, _sync.LastUpdateId);
            await PublishAsync(BookDeltaKind.Stale, bookEvent);
        }

        if (result.Action == SyncAction.RequestSnapshot)
        {
            await RequestSnapshotAsync();
        }

        _directory.Update(_key, _sync);
    }

    private async ValueTask RequestSnapshotAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IExchangeConnectorGrain>(_key.Venue).RequestSnapshotAsync(_key.Symbol);
        }
        catch (Exception ex)
        {
            // The next diff asks again; the connector paces and retries its REST calls.
            _sync.OnSnapshotRequestFailed();
            LogSnapshotRequestFailed(_logger, _key.Venue, _key.Symbol, ex.Message);
        }
    }

    private ValueTask PublishAsync(BookDeltaKind kind, in BookEvent cause)
    {
        // The delta is shared by reference with every consumer of the stream, so it is new per update (see BookDeltaBuilder).
        var delta = _changes.Build(_key, kind, ++_sequence, Epoch, _sync.State, _sync.LastUpdateId, cause.ExchangeTime, cause.ReceiveTime);
        if (kind == BookDeltaKind.Update && BookLatencyMetrics.Enabled && !cause.ReceiveTime.IsNone)
        {
            BookLatencyMetrics.Record(Timestamp.Now(TimeProvider).UnixMicroseconds - cause.ReceiveTime.UnixMicroseconds, _venueTag);
        }

        return _deltas.OnNextAsync(delta);
    }

    private void OnTrade(in Trade trade)
    {
        _trades[_tradeCount % TradeHistory] = trade;
        _tradeCount++;
        if (_tradeCount == 2 * TradeHistory)
        {
            _tradeCount = TradeHistory; // keep the index bounded; the ring content is unchanged
        }
    }

    [LoggerMessage(EventId = 2001, EventName = "BookSynced", Level = LogLevel.Information, Message = "Book {Venue}:{Symbol} synced: epoch {Epoch}, last update id {LastUpdateId}")]
    private static partial void LogBookSynced(ILogger logger, string venue, string symbol, long epoch, long lastUpdateId);

    [LoggerMessage(EventId = 2002, EventName = "BookResyncStarted", Level = LogLevel.Warning, Message = "Book {Venue}:{Symbol} resyncing ({Reason}) after update id {LastUpdateId}; marked stale, still readable")]
    private static partial void LogBookResyncStarted(ILogger logger, string venue, string symbol, ResyncReason reason, long lastUpdateId);

    [LoggerMessage(EventId = 2005, EventName = "BookFollowingConnector", Level = LogLevel.Warning, Message = "Book {Venue}:{Symbol} is not on its connector's silo {Silo}: moving there")]
    private static partial void LogFollowingConnector(ILogger logger, string venue, string symbol, string silo);

    [LoggerMessage(EventId = 2004, EventName = "BookIncarnationWriteFailed", Level = LogLevel.Warning, Message = "Book {Venue}:{Symbol}: could not record its epoch in grain state: {Error}")]
    private static partial void LogIncarnationWriteFailed(ILogger logger, string venue, string symbol, string error);

    [LoggerMessage(EventId = 2003, EventName = "SnapshotRequestFailed", Level = LogLevel.Warning, Message = "Snapshot request for {Venue}:{Symbol} failed: {Error}")]
    private static partial void LogSnapshotRequestFailed(ILogger logger, string venue, string symbol, string error);
}
