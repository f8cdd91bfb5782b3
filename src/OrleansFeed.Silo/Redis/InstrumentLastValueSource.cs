using System.Buffers;
using System.Text.Json;
using OrleansFeed.Api.Health;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Grains.Instruments;
using OrleansFeed.Redis.LastValues;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Silo.Redis;

/// <summary>
/// Last values carried by the events of an instrument-keyed stream (the aggregator's <c>nbbo</c> and <c>stats</c>):
/// subscribes to <c>{streamNamespace}/{aggregator key}</c> for every aggregator key of the configured books (the NBBO
/// group key of each book's canonical instrument under the quote-currency policy, as <c>AggregationKeys</c>) and
/// writes the latest event of each as <c>{prefix}:lv:{kind}:{aggregator key}</c>.
/// </summary>
/// <typeparam name="T">The stream's event type (the same type its producer publishes).</typeparam>
/// <remarks>
/// The handler keeps only the latest event per instrument (under a per-key lock, no allocation for struct events);
/// serialization happens in the publisher's pass, at most once per key per <c>Redis:LastValueMinInterval</c>.
/// Subscriptions drop the oldest queued event when full (<see cref="BookLastValueSource.QueueCapacity"/>): only the
/// latest matters, and the producer is never back-pressured.
/// </remarks>
public sealed class InstrumentLastValueSource<T> : ILastValueSource
{
    private readonly string _streamNamespace;
    private readonly string _kind;
    private readonly Action<Utf8JsonWriter, T> _write;
    private readonly IConfiguredBooks _books;
    private readonly IInstrumentCatalog _catalog;
    private readonly QuoteCurrencyPolicy _policy;
    private readonly IStreamProvider _streams;
    private readonly ILastValueStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly List<IStreamSubscription> _subscriptions = [];
    private readonly List<Latest> _keys = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates the source; see <see cref="RedisIntegrationExtensions.AddInstrumentLastValues{T}"/>.</summary>
    /// <param name="streamNamespace">The stream namespace, e.g. <c>nbbo</c>.</param>
    /// <param name="kind">The last-value kind, e.g. <see cref="LastValueKinds.Nbbo"/>.</param>
    /// <param name="write">Writes one event as one JSON object (decimal strings for prices and sizes).</param>
    /// <param name="books">The configured books (their instruments are the keys).</param>
    /// <param name="catalog">Maps a book to its canonical instrument.</param>
    /// <param name="policy">The aggregation's quote-currency policy (section <c>Aggregation</c>): canonical instrument → aggregator key.</param>
    /// <param name="streams">The silo's stream provider.</param>
    /// <param name="store">Where values are offered.</param>
    /// <param name="timeProvider">The pass clock.</param>
    public InstrumentLastValueSource(string streamNamespace, string kind, Action<Utf8JsonWriter, T> write,
        IConfiguredBooks books, IInstrumentCatalog catalog, QuoteCurrencyPolicy policy, IStreamProvider streams, ILastValueStore store, TimeProvider timeProvider)
    {
        _streamNamespace = streamNamespace;
        _kind = kind;
        _write = write;
        _books = books;
        _catalog = catalog;
        _policy = policy;
        _streams = streams;
        _store = store;
        _timeProvider = timeProvider;
        _writer = new Utf8JsonWriter(_buffer);
    }

    /// <inheritdoc />
    public string Name => _kind;

    /// <inheritdoc />
    public ValueTask<int> StartAsync(CancellationToken cancellationToken)
    {
        var instruments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var book in _books.GetBooks())
        {
            if (_catalog.TryGet(book, out var instrument) && instruments.Add(NbboGrouping.GroupKey(instrument.Canonical, _policy)))
            {
                var key = NbboGrouping.GroupKey(instrument.Canonical, _policy);
                var latest = new Latest(key);
                _keys.Add(latest);
                _subscriptions.Add(_streams.GetStream<T>(new FanOutStreamId(_streamNamespace, key)).Subscribe(latest.OnNext,
                    new StreamSubscriptionOptions { Capacity = BookLastValueSource.QueueCapacity, OverflowPolicy = StreamOverflowPolicy.DropOldest, Scope = StreamScope.Silo }));
            }
        }

        return ValueTask.FromResult(_keys.Count);
    }

    /// <inheritdoc />
    public ValueTask<int> PublishAsync(LastValuePass pass, CancellationToken cancellationToken)
    {
        var offered = 0;
        foreach (var latest in _keys)
        {
            // Version first, then value: the handler stores the value before bumping the version, so the value read
            // is at least as new as the version recorded as published.
            if (!latest.State.IsDue(pass, _timeProvider) || !latest.TryGet(out var value))
            {
                continue; // unchanged, or nothing received yet for this instrument
            }

            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            _write(_writer, value);
            _writer.Flush();
            _store.Offer(_kind, latest.State.Id, _buffer.WrittenSpan);
            latest.State.Published(pass);
            offered++;
        }

        return ValueTask.FromResult(offered);
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

    /// <summary>The latest event of one instrument.</summary>
    private sealed class Latest(string instrument)
    {
        private readonly Lock _gate = new();
        private T _value = default!;
        private bool _has;

        public LastValueKeyState State { get; } = new(instrument, settle: false);

        public ValueTask OnNext(T value)
        {
            lock (_gate)
            {
                _value = value;
                _has = true;
            }

            State.MarkChanged();
            return ValueTask.CompletedTask;
        }

        public bool TryGet(out T value)
        {
            lock (_gate)
            {
                value = _value;
                return _has;
            }
        }
    }
}
