using OrleansFeed.Core.Quotes;
using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansFeed.Api.Health;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Redis.LastValues;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Silo.Redis;

/// <summary>
/// The <c>ticker</c> and <c>bbo</c> last values of every configured book (<see cref="IConfiguredBooks"/>), id
/// <c>{venue}:{symbol}</c>. Listens to the book's <c>book-deltas</c>, <c>trades</c> and <c>venue-bbo</c> streams
/// only to learn that it changed; the values themselves are read from the book grain
/// (<see cref="IOrderBookGrain.GetTickerAsync"/>) once per pass for each changed book, so a busy book costs one
/// grain call per <c>Redis:LastValueMinInterval</c>, not one per event.
/// </summary>
/// <remarks>
/// The subscriptions hold at most <see cref="QueueCapacity"/> events each and drop the oldest when full: an event
/// only marks the book changed, so dropping is harmless, and ingest is never back-pressured by this source.
/// </remarks>
public sealed partial class BookLastValueSource : ILastValueSource
{
    /// <summary>Queue capacity of each stream subscription (events; oldest dropped when full).</summary>
    public const int QueueCapacity = 64;

    private static readonly StreamSubscriptionOptions SubscriptionOptions = new()
    {
        Capacity = QueueCapacity,
        OverflowPolicy = StreamOverflowPolicy.DropOldest,

        // Only books whose producer runs on this silo: each key is written once in the cluster, by its owner.
        Scope = StreamScope.Silo,
    };

    private readonly IConfiguredBooks _books;
    private readonly IGrainFactory _grains;
    private readonly IStreamProvider _streams;
    private readonly ILastValueStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly List<IStreamSubscription> _subscriptions = [];
    private readonly List<(LastValueKeyState State, IOrderBookGrain Grain)> _keys = [];
    private readonly List<Task<Ticker?>> _reads = [];
    private readonly List<LastValueKeyState> _due = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;
    private readonly HashSet<string> _failing = [];

    /// <summary>Created by DI (registered by <see cref="RedisIntegrationExtensions.AddRedisIntegration"/>).</summary>
    /// <param name="books">The configured books.</param>
    /// <param name="grains">Grain factory (book grains are read through it).</param>
    /// <param name="streams">The silo's stream provider.</param>
    /// <param name="store">Where values are offered.</param>
    /// <param name="timeProvider">The clock stamping <c>asOf</c>.</param>
    /// <param name="logger">Logger.</param>
    public BookLastValueSource(IConfiguredBooks books, IGrainFactory grains, IStreamProvider streams, ILastValueStore store,
        TimeProvider timeProvider, ILogger<BookLastValueSource> logger)
    {
        _books = books;
        _grains = grains;
        _streams = streams;
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
        _writer = new Utf8JsonWriter(_buffer);
    }

    /// <inheritdoc />
    public string Name => "book";

    /// <inheritdoc />
    public ValueTask<int> StartAsync(CancellationToken cancellationToken)
    {
        foreach (var book in _books.GetBooks())
        {
            var id = book.ToString();
            var state = new LastValueKeyState(id, settle: true);
            _keys.Add((state, _grains.GetGrain<IOrderBookGrain>(id)));
            _subscriptions.Add(_streams.GetStream<BookDelta>(new FanOutStreamId(StreamNamespaces.BookDeltas, id)).Subscribe(_ => Changed(state), SubscriptionOptions));
            _subscriptions.Add(_streams.GetStream<Trade>(new FanOutStreamId(StreamNamespaces.Trades, id)).Subscribe(_ => Changed(state), SubscriptionOptions));
            _subscriptions.Add(_streams.GetStream<BestBidOffer>(new FanOutStreamId(StreamNamespaces.VenueBbo, id)).Subscribe(_ => Changed(state), SubscriptionOptions));
        }

        return ValueTask.FromResult(_keys.Count);
    }

    /// <inheritdoc />
    public async ValueTask<int> PublishAsync(LastValuePass pass, CancellationToken cancellationToken)
    {
        _due.Clear();
        _reads.Clear();
        foreach (var (state, grain) in _keys)
        {
            if (state.IsDue(pass, _timeProvider))
            {
                _due.Add(state);
                _reads.Add(ReadAsync(grain, state.Id));
            }
        }

        var offered = 0;
        for (var i = 0; i < _due.Count; i++)
        {
            var ticker = await _reads[i].WaitAsync(cancellationToken).ConfigureAwait(false);
            if (ticker is null)
            {
                continue; // stays due: retried next pass
            }

            Offer(LastValueKinds.Ticker, _due[i].Id, w => LastValueJson.WriteTicker(w, ticker));
            Offer(LastValueKinds.Bbo, _due[i].Id, w => LastValueJson.WriteBbo(w, ticker, _timeProvider.GetUtcNow()));
            _due[i].Published(pass);
            offered += 2;
        }

        return offered;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        _subscriptions.Clear();
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private static ValueTask Changed(LastValueKeyState state)
    {
        state.MarkChanged();
        return ValueTask.CompletedTask;
    }

    private void Offer(string kind, string id, Action<Utf8JsonWriter> write)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        write(_writer);
        _writer.Flush();
        _store.Offer(kind, id, _buffer.WrittenSpan);
    }

    private async Task<Ticker?> ReadAsync(IOrderBookGrain grain, string id)
    {
        try
        {
            var ticker = await grain.GetTickerAsync().ConfigureAwait(false);
            lock (_failing)
            {
                _failing.Remove(id);
            }

            return ticker;
        }
        catch (Exception ex)
        {
            // A failing book must not stop the others; logged once per failure episode of the book.
            bool first;
            lock (_failing)
            {
                first = _failing.Add(id);
            }

            if (first)
            {
                LogTickerReadFailed(_logger, id, ex);
            }

            return null;
        }
    }

    [LoggerMessage(EventId = 4041, EventName = "LastValueTickerReadFailed", Level = LogLevel.Warning,
        Message = "Last values: reading the ticker of {Book} failed; its ticker/bbo keys keep their last value and are retried every pass.")]
    private static partial void LogTickerReadFailed(ILogger logger, string book, Exception exception);
}
