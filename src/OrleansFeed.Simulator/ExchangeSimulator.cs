using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Simulator.Internal;
using OrleansFeed.Simulator.Venues;

namespace OrleansFeed.Simulator;

/// <summary>
/// A local fake exchange on 127.0.0.1 for every recorded venue: Binance (spot, Binance.US, USD-M, COIN-M) on its own
/// combined-stream and raw routes with REST depth snapshots from a true book (shared/docs/exchange-protocols.md §1,
/// §2), and Kraken, Coinbase, OKX, Bybit, Bitfinex and KuCoin at <c>ws://127.0.0.1:port/{venue}</c> speaking each
/// venue's subscribe protocol, with snapshot catch-up on subscribe and fault injection (docs/simulator.md).
/// </summary>
/// <remarks>
/// <para>There is ONE global playback over the capture's received frames, in recorded order (each recorded
/// connection shifted to start at zero), broadcast to every connected client subscribed to each frame's stream or
/// channel: a client that connects late gets frames from the current position on, as on a live venue. A client
/// subscribing an in-stream-snapshot book mid-playback first gets the latest played snapshot and every book frame
/// since. Recorded control replies are not played.</para>
/// <para>All public members are thread-safe. Dispose to stop playback, drop clients and unbind the port.</para>
/// </remarks>
/// <seealso href="https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams"/>
public sealed partial class ExchangeSimulator : IAsyncDisposable
{
    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PlaybackFrame[] _frames;
    private readonly TrueBookSet _books;
    private readonly VenueCapture _venueCapture;
    private readonly RecordedRestSnapshots _restSnapshots;
    private readonly KuCoinTrueBooks _kuCoinBooks = new();
    private readonly Dictionary<string, List<int>> _bookFrames;
    private readonly BinanceMarketsSeen _binanceMarkets;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _startSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private Uri? _baseUri;
    private Task _playback = Task.CompletedTask;
    private int _disposed;

    /// <summary>Creates a simulator over capture records (any order; played sorted by receive time, stable).</summary>
    /// <param name="capture">The records: <see cref="CaptureRecordKind.Received"/> frames are played,
    /// <see cref="CaptureRecordKind.Rest"/> depth responses seed the true books; other kinds are ignored.</param>
    /// <param name="options">Settings; <see cref="SimulatorOptions.Default"/> when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="timeProvider">Clock for pacing and delays; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="capture"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="SimulatorOptionsValidator"/>).</exception>
    public ExchangeSimulator(IEnumerable<CaptureRecord> capture, SimulatorOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        _options = options ?? SimulatorOptions.Default;
        SimulatorOptionsValidator.Validate(_options);
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ExchangeSimulator>();
        _frameDelayTicks = _options.FrameDelay.Ticks;

        var records = capture.OrderBy(static r => r.Time).ToList();
        _books = new TrueBookSet(records, out var unusableSnapshots);
        _binanceMarkets = new BinanceMarketsSeen(records);
        var venues = new VenueCapture(SimulatedVenues.Create());
        var firstBySource = new Dictionary<string, Timestamp>(StringComparer.Ordinal);
        var frames = new List<PlaybackFrame>(records.Count);
        var skipped = 0;
        foreach (var record in records)
        {
            var venue = venues.OwnerOf(record.Source);
            if (record.Kind == CaptureRecordKind.Rest && venue is not null)
            {
                venues.AddRest(record, venue);
            }

            if (record.Kind != CaptureRecordKind.Received)
            {
                continue;
            }

            // Each recorded connection starts at zero on the playback timeline, so sessions of other venues or days
            // play side by side instead of years apart.
            firstBySource.TryAdd(record.Source, record.Time);
            var playTime = new Timestamp(record.Time.UnixMicroseconds - firstBySource[record.Source].UnixMicroseconds);
            PlaybackFrame? frame = null;
            if (venue is not null)
            {
                frame = venues.Add(record, venue);
            }
            else if (CaptureIndex.TryCreateFrame(record, out var binance))
            {
                frame = binance;
            }

            if (frame is null)
            {
                skipped++;
                continue;
            }

            frames.Add(frame with { PlayTime = playTime });
        }

        _frames = [.. frames.OrderBy(static f => f.PlayTime)];
        _venueCapture = venues;
        _restSnapshots = new RecordedRestSnapshots(venues.RestSnapshots);
        _bookFrames = IndexBookFrames(_frames);
        _recordedVenues = new(DescribeVenues);
        Log.CaptureLoaded(_logger, _frames.Length, skipped, _books.ByTime.Count, unusableSnapshots);
    }

    /// <summary>
    /// A simulator over capture files or folders that may hold several sessions (e.g. <c>shared/data</c> itself):
    /// sessions are laid on one timeline by <see cref="CaptureSessions.ReadAligned"/> (different venues side by side,
    /// the same host one after another). Non-capture files in folders are skipped.
    /// </summary>
    /// <param name="inputs">Files or folders.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="timeProvider">Clock for pacing; the system clock when null.</param>
    /// <returns>The simulator, not started.</returns>
    /// <exception cref="FileNotFoundException">An input does not exist.</exception>
    public static ExchangeSimulator FromInputs(IEnumerable<string> inputs, SimulatorOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) =>
        new(CaptureSessions.ReadAligned(inputs), options, loggerFactory, timeProvider);

    /// <summary>Creates a simulator from capture files merged into one session (<see cref="CaptureFile.ReadMerged"/>).</summary>
    /// <param name="paths">Capture files, e.g. a cryptofeed <c>.ws</c> file and its <c>.http</c> file.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="timeProvider">Clock; system clock when null.</param>
    /// <returns>The simulator, not started.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is not a capture.</exception>
    public static ExchangeSimulator FromFiles(IEnumerable<string> paths, SimulatorOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) =>
        new(CaptureFile.ReadMerged(paths), options, loggerFactory, timeProvider);

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, the REST base. Set by <see cref="StartAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public Uri BaseUri => _baseUri ?? throw new InvalidOperationException("The simulator is not started.");

    /// <summary><c>ws://127.0.0.1:&lt;port&gt;</c>, the WebSocket base (append <c>/stream?streams=…</c>, <c>/ws/&lt;stream&gt;</c>,
    /// <c>/public/stream?…</c> or <c>/market/stream?…</c>).</summary>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public Uri WebSocketBaseUri => new UriBuilder(BaseUri) { Scheme = "ws" }.Uri;

    /// <summary>Completes when every frame has been played (not when clients have read them); cancelled when the
    /// simulator is disposed first.</summary>
    public Task PlaybackCompleted => _completed.Task;

    /// <summary>The recorded time from the first to the last frame on the playback timeline: how long the playback takes
    /// at speed 1 (at speed 0.5 twice as long, at speed 2 half as long).</summary>
    public TimeSpan PlaybackSpan => _frames.Length == 0 ? TimeSpan.Zero
        : TimeSpan.FromTicks((_frames[^1].PlayTime.UnixMicroseconds - _frames[0].PlayTime.UnixMicroseconds) * 10);

    /// <summary>Frames played so far (0 to <see cref="Total"/>), including frames withheld by <see cref="DropNextDiff(string, int)"/>.</summary>
    public int Position => Volatile.Read(ref _position);

    /// <summary>Recorded frames to play: Binance combined-stream frames plus the other venues' data and heartbeat frames
    /// (their recorded acks, greetings and control replies are kept to answer clients, not played).</summary>
    public int Total => _frames.Length;

    /// <summary>Text frames written to client sockets (recorded, injected and control replies), summed over clients.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>WebSocket clients connected now.</summary>
    public int ClientsConnected => _clients.Length;

    /// <summary>Clients disconnected because their send queue reached <see cref="SimulatorOptions.MaxSendQueue"/>.</summary>
    public long SlowClientsDisconnected => Interlocked.Read(ref _slowClients);

    /// <summary>Complete messages received from clients (subscribes, pings...), each counted after it was handled.</summary>
    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    /// <summary>Depth diffs withheld from clients by <see cref="DropNextDiff(string, int)"/>.</summary>
    public long DiffsDropped => Interlocked.Read(ref _diffsDropped);

    /// <summary>REST depth requests received (answered, rejected or failed).</summary>
    public long RestRequests => Interlocked.Read(ref _restRequests);

    /// <summary>REST depth snapshots served (recorded bodies and synthesized ones).</summary>
    public long SnapshotsServed => Interlocked.Read(ref _snapshotsServed);

    /// <summary>Recorded diffs that did not bridge/chain onto their true book (0 for a verified capture).</summary>
    public long TrueBookGaps => _books.Gaps;

    /// <summary>Symbols (upper case) with a recorded REST snapshot, i.e. those the REST depth endpoint serves.</summary>
    public IReadOnlyList<string> SnapshotSymbols => _books.ByTime.Select(static b => b.Symbol).ToArray();

    /// <summary>Binds Kestrel on <see cref="SimulatorOptions.BindAddress"/> (127.0.0.1 by default) and, unless <see cref="SimulatorOptions.StartOnFirstSubscription"/> or <see cref="SimulatorOptions.WaitForPlayRequest"/>, starts playback.</summary>
    /// <param name="cancellationToken">Cancels binding.</param>
    /// <returns>A task completing when the port is bound.</returns>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    /// <exception cref="IOException">The port is in use.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The simulator is already started.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(_options.BindAddress, _options.Port));
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = _options.PingInterval });
        MapWebSockets(app);
        MapRest(app);
        MapVenues(app);
        MapListing(app);
        _app = app;
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var port = new Uri(app.Urls.First()).Port;
        _baseUri = new Uri($"http://127.0.0.1:{port}");
        _playback = Task.Run(() => PlaybackLoopAsync(_stopping.Token), CancellationToken.None);
        Log.Started(_logger, _baseUri, _frames.Length, _options.PlaybackSpeed);
        if (!_options.StartOnFirstSubscription && !_options.WaitForPlayRequest)
        {
            StartPlayback();
        }
    }

    /// <summary>Whether a client's first subscription starts the playback (not when it waits for a play request).</summary>
    private bool StartsOnSubscription => _options.StartOnFirstSubscription && !_options.WaitForPlayRequest;

    /// <summary>Starts the playback now if it has not started (idempotent).</summary>
    public void StartPlayback() => _startSignal.TrySetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _completed.TrySetCanceled();
        foreach (var client in _clients)
        {
            client.Abort();
        }

        await _playback.ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }
}
