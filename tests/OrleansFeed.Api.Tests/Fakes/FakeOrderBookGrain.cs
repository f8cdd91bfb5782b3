using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.Tests.Fakes;

/// <summary>
/// An <see cref="IOrderBookGrain"/> over a real <see cref="OrderBook"/>: every change bumps the gap-free sequence and
/// publishes a <see cref="BookDelta"/>, like the real grain. Tests drive it directly.
/// </summary>
internal sealed class FakeOrderBookGrain : IOrderBookGrain
{
    public static readonly Timestamp ExchangeTime = new(1_700_000_000_123_456);
    public static readonly Timestamp ReceiveTime = new(1_700_000_000_223_456);

    private readonly object _gate = new();
    private readonly Instrument _instrument;
    private readonly IAsyncStream<BookDelta> _deltas;
    private readonly IAsyncStream<Trade> _tradeStream;
    private readonly OrderBook _book = new();
    private readonly List<Trade> _trades = [];
    private long _sequence;
    private long _epoch = 1;
    private BookSyncState _syncState = BookSyncState.Synced;

    public FakeOrderBookGrain(Instrument instrument, IStreamProvider streams)
    {
        _instrument = instrument;
        _deltas = streams.GetStream<BookDelta>(new FanOutStreamId(StreamNamespaces.BookDeltas, instrument.Key.ToString()));
        _tradeStream = streams.GetStream<Trade>(new FanOutStreamId(StreamNamespaces.Trades, instrument.Key.ToString()));
    }

    /// <summary>When set, a snapshot call takes its snapshot, then waits for this before answering.</summary>
    public TaskCompletionSource? HoldSnapshotAfterTaking { get; set; }

    /// <summary>Completed when a held snapshot was taken.</summary>
    public TaskCompletionSource SnapshotTaken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BestBidOffer? VenueBbo { get; set; }

    public long Sequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    public static LevelChange Bid(string price, string size) => new(BookSide.Bid, FixedDecimal.Parse(price), FixedDecimal.Parse(size));

    public static LevelChange Ask(string price, string size) => new(BookSide.Ask, FixedDecimal.Parse(price), FixedDecimal.Parse(size));

    public Task EnsureActiveAsync() => Task.CompletedTask;

    public async Task<BookSnapshot> GetSnapshotAsync(int depth)
    {
        BookSnapshot snapshot;
        lock (_gate)
        {
            var counters = new BookCounters(10, 9, 0, 0, 1, 0, 0, 0, 0, ReceiveTime);
            snapshot = new BookSnapshot(
                _instrument.Venue, _instrument.Symbol, _instrument.Canonical, _syncState, _epoch, _sequence, 1000 + _sequence,
                ExchangeTime, ReceiveTime, _book.ToArray(BookSide.Bid, depth), _book.ToArray(BookSide.Ask, depth), counters);
        }

        if (HoldSnapshotAfterTaking is { } hold)
        {
            SnapshotTaken.TrySetResult();
            await hold.Task;
        }

        return snapshot;
    }

    public Task<Trade[]> GetRecentTradesAsync(int limit)
    {
        lock (_gate)
        {
            return Task.FromResult(Enumerable.Reverse(_trades).Take(limit).ToArray());
        }
    }

    public Task<Ticker> GetTickerAsync()
    {
        lock (_gate)
        {
            BookLevel? bid = _book.TryGetBestBid(out var b) ? b : null;
            BookLevel? ask = _book.TryGetBestAsk(out var a) ? a : null;
            Trade? last = _trades.Count > 0 ? _trades[^1] : null;
            return Task.FromResult(new Ticker(_instrument.Venue, _instrument.Symbol, _instrument.Canonical, _syncState, bid, ask, last, VenueBbo));
        }
    }

    /// <summary>Applies the changes as one delta; publishes it unless <paramref name="publish"/> is false (a lost delta).</summary>
    public async Task<BookDelta> ApplyAsync(bool publish, params LevelChange[] changes)
    {
        BookDelta delta;
        lock (_gate)
        {
            foreach (var c in changes)
            {
                _book.Set(c.Side, c.Price, c.Size);
            }

            _sequence++;
            delta = new BookDelta(_instrument.Venue, _instrument.Symbol, BookDeltaKind.Update, _sequence, _epoch, _syncState, 1000 + _sequence, changes, ExchangeTime, ReceiveTime);
        }

        if (publish)
        {
            await _deltas.OnNextAsync(delta);
        }

        return delta;
    }

    public Task<BookDelta> ApplyAsync(params LevelChange[] changes) => ApplyAsync(true, changes);

    /// <summary>Replaces the book with <paramref name="levels"/> in a new epoch and publishes Rebuilt.</summary>
    public async Task RebuildAsync(params LevelChange[] levels)
    {
        BookDelta delta;
        lock (_gate)
        {
            _book.Clear();
            foreach (var c in levels)
            {
                _book.Set(c.Side, c.Price, c.Size);
            }

            _epoch++;
            _sequence++;
            _syncState = BookSyncState.Synced;
            delta = new BookDelta(_instrument.Venue, _instrument.Symbol, BookDeltaKind.Rebuilt, _sequence, _epoch, _syncState, 1000 + _sequence, [], ExchangeTime, ReceiveTime);
        }

        await _deltas.OnNextAsync(delta);
    }

    /// <summary>Moves the book to <paramref name="syncState"/> with an update that changes no level (as the book grain does for synced ↔ unverified).</summary>
    public async Task SetStateAsync(BookSyncState syncState)
    {
        BookDelta delta;
        lock (_gate)
        {
            _syncState = syncState;
            _sequence++;
            delta = new BookDelta(_instrument.Venue, _instrument.Symbol, BookDeltaKind.Update, _sequence, _epoch, _syncState, 1000 + _sequence, [], ExchangeTime, ReceiveTime);
        }

        await _deltas.OnNextAsync(delta);
    }

    public async Task MarkStaleAsync()
    {
        BookDelta delta;
        lock (_gate)
        {
            _syncState = BookSyncState.Syncing;
            _sequence++;
            delta = new BookDelta(_instrument.Venue, _instrument.Symbol, BookDeltaKind.Stale, _sequence, _epoch, _syncState, 1000 + _sequence, [], ExchangeTime, ReceiveTime);
        }

        await _deltas.OnNextAsync(delta);
    }

    public async Task AddTradeAsync(long id, string price, string size, AggressorSide side)
    {
        var trade = new Trade(id, FixedDecimal.Parse(price), FixedDecimal.Parse(size), side, ExchangeTime, ReceiveTime);
        lock (_gate)
        {
            _trades.Add(trade);
        }

        await _tradeStream.OnNextAsync(trade);
    }
}
