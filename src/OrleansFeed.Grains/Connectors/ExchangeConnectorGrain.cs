using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Snapshots;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Common;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Grains.OrderBooks;
using OrleansFeed.Core.Instruments;

namespace OrleansFeed.Grains.Connectors;

/// <summary>
/// One venue's live connectivity: runs a <see cref="ConnectionRunner"/> per planned connection and a paced
/// <see cref="SnapshotFetcher"/>; parsed events go to per-symbol streams. The connections run outside the grain's
/// turns (they are this activation's background work); grain calls only queue snapshot requests and read counters.
/// </summary>
/// <remarks>
/// Placement: in a silo cluster the connectors spread over the silos (<see cref="Placement.ConnectorSpreadPlacementAttribute"/>:
/// the configured venues round-robin over the active silos); Orleans' single activation per key makes
/// each venue's connections open exactly once in the cluster. The connector activates its books before it connects, so
/// their <c>[PreferLocalPlacement]</c> puts them on its silo (also when it is re-activated after a failover).
/// </remarks>
[KeepAlive]
[Placement.ConnectorSpreadPlacement]
public sealed partial class ExchangeConnectorGrain : FeedGrain, IExchangeConnectorGrain
{
    // How long StopAsync waits for the connections to close.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly VenueRegistry _venues;
    private readonly FeedOptions _feed;
    private readonly IHttpClientFactory _http;
    private readonly CaptureRecorder _recorder;
    private readonly ConnectorDirectory _directory;
    private readonly BookDirectory _books;
    private readonly ILogger<ExchangeConnectorGrain> _logger;
    private readonly List<ConnectionRunner> _runners = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _background = [];
    private SnapshotFetcher? _fetcher;
    private ConnectorCounters? _counters;
    private VenueOptions? _options;
    private IVenueConnectivity? _connectivity;
    private BookFeeds? _feeds;

    /// <summary>Created by the runtime per activation.</summary>
    /// <param name="venues">Venue adapters.</param>
    /// <param name="feed">Configured venues.</param>
    /// <param name="http">HTTP clients for REST snapshots.</param>
    /// <param name="recorder">Capture recorder (active for the <c>record</c> command).</param>
    /// <param name="directory">This silo's registry of active connectors.</param>
    /// <param name="books">This silo's live books: the connector feeds them in place.</param>
    /// <param name="logger">Logger.</param>
    public ExchangeConnectorGrain(VenueRegistry venues, IOptions<FeedOptions> feed, IHttpClientFactory http, CaptureRecorder recorder, ConnectorDirectory directory, BookDirectory books, ILogger<ExchangeConnectorGrain> logger)
    {
        _directory = directory;
        _books = books;
        _venues = venues;
        _feed = feed.Value;
        _http = http;
        _recorder = recorder;
        _logger = logger;
    }

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _directory.Register(GrainKey);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StartAsync()
    {
        if (_fetcher is not null)
        {
            return;
        }

        if (!_venues.TryGet(GrainKey, out var protocol) || protocol is not IVenueConnectivity connectivity)
        {
            throw new InvalidOperationException($"Venue '{GrainKey}' has no live adapter.");
        }

        if (!_feed.Venues.TryGetValue(GrainKey, out var options))
        {
            throw new InvalidOperationException($"Venue '{GrainKey}' is not configured under Feed:Venues.");
        }

        // Books first, from here: [PreferLocalPlacement] activates them on this silo, and they exist before any event.
        await EnsureBooksActiveAsync(protocol, options);
        _options = options;
        _connectivity = connectivity;
        _counters = new ConnectorCounters(GrainKey);
        var capture = _recorder.Writer;
        var streams = StreamProvider;
        var feeds = _feeds = new BookFeeds(GrainKey, GrainFactory, _books, _logger);
        _fetcher = new SnapshotFetcher(
            _http.CreateClient(GrainKey),
            symbol => connectivity.SnapshotUri(options, symbol),
            (symbol, url, body, time) => PublishSnapshotAsync(protocol, feeds, symbol, url, body, time),
            (symbol, reason) => LogSnapshotGaveUp(_logger, GrainKey, symbol, reason),
            connectivity.SnapshotWeight(options),
            options.RestWeightPerMinute > 0 ? options.RestWeightPerMinute : connectivity.DefaultWeightPerMinute,
            TimeProvider,
            _logger,
            capture);
        _background.Add(Task.Run(() => _fetcher.RunAsync(_stop.Token)));
        foreach (var plan in connectivity.PlanConnections(options))
        {
            var http = _http.CreateClient(GrainKey);
            var runner = new ConnectionRunner(plan, options, protocol, streams, feeds, _counters, TimeProvider, _logger, capture, (p, ct) => connectivity.NegotiateAsync(p, options, http, ct));
            _runners.Add(runner);
            _background.Add(Task.Run(() => runner.RunAsync(_stop.Token)));
        }

        LogStarted(_logger, GrainKey, _runners.Count, options.Symbols.Count);
    }

    /// <inheritdoc />
    public async Task<bool> EnsureRunningAsync()
    {
        if (_fetcher is not null)
        {
            // Running: a book deactivated on its own comes back here, beside its connector.
            await EnsureBooksActiveAsync(_venues.TryGet(GrainKey, out var protocol) ? protocol : null, _options);
            return false;
        }

        await StartAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_background).WaitAsync(StopTimeout);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Stopped by cancellation, or still closing sockets: the silo's shutdown goes on either way.
        }
    }

    /// <inheritdoc />
    public Task RequestSnapshotAsync(string symbol)
    {
        if (_connectivity?.SnapshotSource == BookSnapshotSource.Stream)
        {
            // The venue's snapshot comes with a subscription: re-subscribe this one symbol on its connection; the
            // other symbols on that connection keep flowing (issue 3: one symbol's failure never touches another).
            var messages = _connectivity.ResubscribeMessages(_options!, symbol);
            var runner = _runners.FirstOrDefault(r => r.Plan.BookSymbols.Contains(symbol, StringComparer.Ordinal));
            if (runner is not null && messages.Count > 0)
            {
                LogResubscribing(_logger, GrainKey, symbol, runner.Plan.Name);
                _ = runner.ResubscribeAsync(messages, _stop.Token);
            }

            return Task.CompletedTask;
        }

        _fetcher?.Enqueue(symbol);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ConnectorStatus> GetStatusAsync() => Task.FromResult(new ConnectorStatus(
        GrainKey,
        _runners.Sum(r => r.Connected),
        _runners.Sum(r => r.Reconnects),
        _counters?.Frames ?? 0,
        _counters?.Rejected ?? 0,
        _fetcher?.Requests ?? 0,
        _fetcher?.Failures ?? 0,
        _options?.Symbols.ToArray() ?? [])
    {
        Resubscribes = _runners.Sum(r => r.Resubscribes),
        RejectedBySymbol = _counters?.RejectedBySymbol() ?? new Dictionary<string, long>(),
        ConnectionStates = [.. _runners.Select(r => r.Diagnostics.Read())],
        UnattributedRejectedFrames = _counters?.UnattributedRejected ?? 0,
        PlannedConnections = _runners.Count,
        SubscribedConnections = _runners.Count(r => r.Subscribed),
        SubscribeMessagesSent = _runners.Sum(r => r.SubscribeMessagesSent),
    });

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        LogStopping(_logger, GrainKey, reason.Description);
        _directory.Unregister(GrainKey);
        await _stop.CancelAsync();
    }

    private async Task EnsureBooksActiveAsync(IVenueProtocol? protocol, VenueOptions? options)
    {
        if (protocol is null || options is null)
        {
            return;
        }

        // All books at once: one after the other, a venue with 20 symbols waited for 20 activations in turn before connecting.
        var natives = options.Symbols.Select(protocol.NormalizeSymbol).ToList();
        var followed = await Task.WhenAll(natives.Select(native => GrainFactory.GetGrain<IBookFeedGrain>(new BookKey(GrainKey, native).ToString()).FollowConnectorAsync(LocalSilo)));
        for (var i = 0; i < natives.Count; i++)
        {
            if (followed[i] && _fetcher is not null)
            {
                // The book comes back here as a new activation that may see no diff for a while (or ever, at the end
                // of a recording): get it a snapshot now rather than on its next diff.
                await RequestSnapshotAsync(natives[i]);
            }
        }
    }

    private async ValueTask PublishSnapshotAsync(IVenueProtocol protocol, BookFeeds feeds, string symbol, string url, byte[] body, Timestamp time)
    {
        if (!protocol.TryParseSnapshotResponse(url, body, time, ParseLimits.Default, out var snapshot, out var reason))
        {
            // A REST snapshot is not a stream frame: no book update can be missing, the book stays syncing and asks again.
            _counters!.RecordRejected(reason, symbol, attributedToBook: false);
            LogSnapshotRejected(_logger, GrainKey, symbol, reason);
            return;
        }

        var feed = feeds.For(symbol);
        feed.Add(snapshot);
        snapshot.ReturnLevels();
        await feed.FlushAsync();
    }

    [LoggerMessage(EventId = 2301, EventName = "ConnectorStarted", Level = LogLevel.Information, Message = "Connector {Venue} started: {Connections} connection(s), {Symbols} symbol(s)")]
    private static partial void LogStarted(ILogger logger, string venue, int connections, int symbols);

    [LoggerMessage(EventId = 2305, EventName = "ConnectorStopping", Level = LogLevel.Warning, Message = "Connector {Venue} deactivating ({Reason}): its connections close; the supervisor restarts it")]
    private static partial void LogStopping(ILogger logger, string venue, string reason);

    [LoggerMessage(EventId = 2304, EventName = "SymbolResubscribing", Level = LogLevel.Information, Message = "Connector {Venue}: re-subscribing {Symbol} on {Connection} for a fresh snapshot")]
    private static partial void LogResubscribing(ILogger logger, string venue, string symbol, string connection);

    [LoggerMessage(EventId = 2302, EventName = "SnapshotRejected", Level = LogLevel.Warning, Message = "Snapshot for {Venue}:{Symbol} rejected: {Reason}")]
    private static partial void LogSnapshotRejected(ILogger logger, string venue, string symbol, FrameRejectReason reason);

    [LoggerMessage(EventId = 2303, EventName = "SnapshotGaveUp", Level = LogLevel.Error, Message = "Snapshot for {Venue}:{Symbol} given up: {Reason}; the book stays stale until its next diff asks again")]
    private static partial void LogSnapshotGaveUp(ILogger logger, string venue, string symbol, string reason);
}
