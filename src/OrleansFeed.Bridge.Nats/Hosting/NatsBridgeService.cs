using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using OrleansFeed.Bridge.Nats.Internal;
using OrleansFeed.Bridge.Nats.Publishing;
using OrleansFeed.Bridge.Nats.Requests;
using OrleansFeed.Bridge.Nats.Routes;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Bridge.Nats.Streams;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Bridge.Nats.Hosting;

/// <summary>
/// The bridge as a hosted service. At start it subscribes to the silo streams of every configured book (section
/// <c>Feed</c>: venues × symbols) through the <see cref="BridgeRoutes"/> table and starts the publisher; the NATS
/// connection is made in the background and retried until it succeeds, so a NATS outage never delays or stops the
/// silo. After connecting it creates the JetStream streams and starts the request/reply responders.
/// </summary>
/// <remarks>Counters are in <see cref="NatsBridgeStatus"/>. Stop unsubscribes, drains nothing (queued messages are
/// dropped with the connection) and closes the connection.</remarks>
public sealed partial class NatsBridgeService : IHostedService, IAsyncDisposable
{
    private readonly NatsBridgeOptions _options;
    private readonly FeedOptions _feed;
    private readonly IStreamProvider _streams;
    private readonly IGrainFactory _grains;
    private readonly IInstrumentCatalog _catalog;
    private readonly QuoteCurrencyPolicy _policy;
    private readonly VenueRegistry _venues;
    private readonly NatsBridgeStatus _status;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private BridgeQueue? _queue;
    private volatile NatsConnection? _connection;
    private bool _candles;

    /// <summary>Created by DI (see <see cref="NatsBridgeHostingExtensions.AddNatsBridge"/>).</summary>
    /// <param name="options">Bridge options.</param>
    /// <param name="feed">Configured venues and symbols.</param>
    /// <param name="streams">The silo's stream provider.</param>
    /// <param name="grains">Grain factory for request/reply.</param>
    /// <param name="catalog">Instrument catalog (canonical names).</param>
    /// <param name="aggregation">Aggregation settings: the quote-currency policy decides the aggregator keys the instrument routes follow.</param>
    /// <param name="venues">Venue adapters (canonical names of books not in the catalog yet).</param>
    /// <param name="status">Counters.</param>
    /// <param name="time">Clock.</param>
    /// <param name="loggerFactory">Loggers for the bridge and its NATS connection.</param>
    public NatsBridgeService(
        IOptions<NatsBridgeOptions> options,
        IOptions<FeedOptions> feed,
        IStreamProvider streams,
        IGrainFactory grains,
        IInstrumentCatalog catalog,
        IOptions<AggregationOptions> aggregation,
        VenueRegistry venues,
        NatsBridgeStatus status,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _feed = feed.Value;
        _streams = streams;
        _grains = grains;
        _catalog = catalog;
        _policy = aggregation.Value.QuoteCurrencyPolicy;
        _venues = venues;
        _status = status;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("OrleansFeed.Bridge.Nats");
    }

    /// <summary>
    /// The books bridged: every enabled venue × symbol of section <c>Feed</c>, spelled as the silo keys them (the
    /// venue's <see cref="IVenueProtocol.NormalizeSymbol"/>: Binance upper case, Bitfinex <c>tETHJPY</c>), so subjects
    /// and responders use the real symbol with its case.
    /// </summary>
    /// <param name="feed">Feed options.</param>
    /// <param name="venues">Venue adapters; a venue without one keeps the configured spelling.</param>
    /// <returns>Book keys.</returns>
    public static IEnumerable<BookKey> ConfiguredBooks(FeedOptions feed, VenueRegistry venues) =>
        feed.EnabledVenues.SelectMany(v => v.Value.Symbols.Select(s => new BookKey(v.Key, venues.TryGet(v.Key, out var p) ? p.NormalizeSymbol(s) : s.Trim())));

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _status.Enabled = true;
        var prefix = _options.SubjectPrefix;
        var books = UniqueBooks(ConfiguredBooks(_feed, _venues)).ToList();
        _queue = new BridgeQueue(_options.QueueCapacity, _status);
        _status.AttachQueue(() => _queue.Count);
        // Silo scope: the bridge of each silo publishes only the streams produced on it, so each is published once in the cluster.
        var streamOptions = new StreamSubscriptionOptions { Capacity = _options.StreamCapacity, OverflowPolicy = StreamOverflowPolicy.DropNewest, Scope = StreamScope.Silo };
        var skipped = new List<string>();
        foreach (var route in BridgeRoutes.All)
        {
            if (route.RequiresDeclaredNamespace && !StreamNamespaceCheck.IsDeclared(route.Namespace))
            {
                skipped.Add(route.Namespace);
                _status.AddSkippedRoute(route.Namespace);
                _logger.RouteSkipped(route.Namespace, route.SubjectKind, "namespace not declared by the silo");
                continue;
            }

            try
            {
                foreach (var target in Targets(route.Scope, books))
                {
                    _status.AddSubscription(route.Subscribe(_streams, target, prefix, _queue, streamOptions));
                }

                _candles |= route.Namespace == BridgeRoutes.CandlesNamespace;
            }
            catch (InvalidOperationException ex)
            {
                // The namespace exists with another event type than this row expects: the row needs updating.
                skipped.Add(route.Namespace);
                _status.AddSkippedRoute(route.Namespace);
                _logger.RouteSkipped(route.Namespace, route.SubjectKind, ex.Message);
            }
        }

        var publisher = new BridgePublisher(_queue, _status, () => _connection, Guid.NewGuid().ToString("N")[..12], _time, _logger);
        _loops.Add(Task.Run(() => publisher.RunAsync(_stopping.Token), CancellationToken.None));
        _loops.Add(Task.Run(() => ConnectAndServeAsync(books, _stopping.Token), CancellationToken.None));
        _logger.Started(_options.Url, prefix, books.Count, _status.Snapshot().Subscriptions, string.Join(",", skipped));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var subscription in _status.TakeSubscriptions())
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        _queue?.Complete();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or NatsException)
        {
            // A responder's unsubscribe timed out (NATS slow or gone): nothing more to stop.
        }

        _queue?.ClearDeferred();

        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is not null)
        {
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (NatsException ex)
            {
                // NATS.Net unsubscribes on dispose and can time out when the server is slow or gone: the socket closes anyway.
                _logger.DisposeFailed(ex.Message);
            }
        }

        // NATS.Net's NatsConnectionState has no disposed value; the status keeps the name the docs show.
        _status.SetState("Disposed");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private IEnumerable<BookKey> UniqueBooks(IEnumerable<BookKey> books)
    {
        var byToken = new Dictionary<string, BookKey>(StringComparer.Ordinal);
        foreach (var book in books)
        {
            var token = Grains.Subjects.MdSubjects.Book("x", book.Venue, book.Symbol);
            if (byToken.TryGetValue(token, out var first))
            {
                if (first != book)
                {
                    _logger.SubjectCollision(first.ToString(), book.ToString());
                }

                continue;
            }

            byToken[token] = book;
            yield return book;
        }
    }

    private IEnumerable<RouteTarget> Targets(RouteScope scope, List<BookKey> books)
    {
        if (scope == RouteScope.Book)
        {
            return books.Select(b => new RouteTarget(b.ToString(), b, CanonicalOf(b)));
        }

        // One target per aggregator key (AggregationKeys' rule: the NBBO group key of each book's canonical
        // instrument), carrying the venues that feed it for the per-venue candle subjects.
        return books
            .GroupBy(b => NbboGrouping.GroupKey(CanonicalOf(b), _policy), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RouteTarget(g.Key, default, g.Key, [.. g.Select(b => b.Venue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]));
    }

    private string CanonicalOf(BookKey book)
    {
        if (_catalog.TryGet(book, out var instrument))
        {
            return instrument.Canonical;
        }

        return _venues.TryGet(book.Venue, out var venue) ? venue.InferInstrument(book.Symbol).Canonical : book.ToString();
    }
}
