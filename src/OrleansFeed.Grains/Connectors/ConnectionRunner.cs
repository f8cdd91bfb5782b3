using Microsoft.Extensions.Logging;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sessions;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Grains.Connectors;

/// <summary>
/// Keeps one planned connection alive across reconnects and replacements. On max age or a <c>serverShutdown</c>
/// notice it opens the replacement first (make-before-break): the new connection's frames are buffered until the old
/// connection is closed, then replayed, so books see no gap (the venue's overlap is dropped as stale by the sync rules).
/// An unplanned disconnect publishes a reset to every book on the connection (stale until resynced).
/// </summary>
internal sealed partial class ConnectionRunner
{
    private readonly ConnectionPlan _plan;
    private readonly VenueOptions _options;
    private readonly IVenueProtocol _protocol;
    private readonly IStreamProvider _streams;
    private readonly BookFeeds _feeds;
    private readonly ConnectorCounters _counters;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CaptureWriter? _capture;
    private readonly SemaphoreSlim _replace = new(0);
    private readonly SemaphoreSlim _resubscribeGate = new(1, 1);
    private readonly Func<ConnectionPlan, CancellationToken, ValueTask<ConnectionPlan>>? _negotiate;
    private volatile Running? _active;
    private long _replacements;
    private long _resubscribes;
    private ConnectionDiagnostics? _diagnostics;
    private long _subscribeMessages;

    public ConnectionRunner(ConnectionPlan plan, VenueOptions options, IVenueProtocol protocol, IStreamProvider streams, BookFeeds feeds, ConnectorCounters counters, TimeProvider time, ILogger logger, CaptureWriter? capture, Func<ConnectionPlan, CancellationToken, ValueTask<ConnectionPlan>>? negotiate = null)
    {
        _negotiate = negotiate;
        _plan = plan;
        _options = options;
        _protocol = protocol;
        _streams = streams;
        _feeds = feeds;
        _counters = counters;
        _time = time;
        _logger = logger;
        _capture = capture;
    }

    public int Connected { get; private set; }

    /// <summary>True once the open connection sent every subscribe message (cleared when it drops).</summary>
    public bool Subscribed { get; private set; }

    /// <summary>Subscribe messages sent on this connection since start (every connect and reconnect).</summary>
    public long SubscribeMessagesSent => Interlocked.Read(ref _subscribeMessages);

    public long Reconnects { get; private set; }

    public long Replacements => Interlocked.Read(ref _replacements);

    /// <summary>Per-symbol resubscribes sent on this connection (in-stream snapshot venues).</summary>
    public long Resubscribes => Interlocked.Read(ref _resubscribes);

    /// <summary>The connection's plan.</summary>
    public ConnectionPlan Plan => _plan;

    /// <summary>State, failed attempts and last error of this connection across its sessions (replacements included).</summary>
    public ConnectionDiagnostics Diagnostics =>
        LazyInitializer.EnsureInitialized(ref _diagnostics, () => new ConnectionDiagnostics(_protocol.Venue, _plan.Name, _plan.Uri.Authority));

    /// <summary>
    /// Sends one symbol's resubscribe frames on the live connection, paced by the plan's subscribe-message interval
    /// so a burst of resyncs never exceeds the venue's subscribe rate limit.
    /// </summary>
    /// <param name="messages">Unsubscribe + subscribe frames.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>False when the connection is down (its reconnect resubscribes every symbol).</returns>
    public async Task<bool> ResubscribeAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        var active = _active;
        if (active is null)
        {
            return false;
        }

        await _resubscribeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sent = await active.Session.SendAsync(messages, cancellationToken).ConfigureAwait(false);
            if (sent)
            {
                Interlocked.Increment(ref _resubscribes);
                if (_plan.SubscribeMessageInterval > TimeSpan.Zero)
                {
                    await Task.Delay(_plan.SubscribeMessageInterval * messages.Count, _time, cancellationToken).ConfigureAwait(false);
                }
            }

            return sent;
        }
        finally
        {
            _resubscribeGate.Release();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_plan.ConnectDelay > TimeSpan.Zero)
        {
            // Staggered start: the venue limits new connections per IP (ConnectionPlan.ConnectDelay).
            try
            {
                await Task.Delay(_plan.ConnectDelay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var current = Start(buffering: false, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var replaceSignal = _replace.WaitAsync(cancellationToken);
            var ageSignal = Task.Delay(_options.MaxConnectionAge - TimeSpan.FromSeconds(30), _time, cancellationToken);
            var finished = await Task.WhenAny(current.Task, replaceSignal, ageSignal).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (finished == current.Task)
            {
                // The session only returns by itself at max age: replace it without overlap.
                current = Start(buffering: false, cancellationToken);
                continue;
            }

            Interlocked.Increment(ref _replacements);
            LogReplacing(_logger, _plan.Name);
            var next = Start(buffering: true, cancellationToken);
            try
            {
                await next.Handler.FirstFrame.WaitAsync(_options.ReplacementFirstFrameTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The replacement stays silent: drop it, keep the current connection and try again later (if the
                // current one ends meanwhile, the loop reconnects it). The runner never dies on a silent replacement.
                LogReplacementSilent(_logger, _plan.Name, _options.ReplacementFirstFrameTimeout, _options.ReconnectMaxDelay);
                next.Handler.Retire();
                await next.Cancel.CancelAsync().ConfigureAwait(false);
                _ = RetryReplacementAsync(cancellationToken);
                continue;
            }

            current.Handler.Retire();
            await current.Cancel.CancelAsync().ConfigureAwait(false);
            await next.Handler.ActivateAsync().ConfigureAwait(false);
            current = next;
            _active = next;
        }

        await current.Cancel.CancelAsync().ConfigureAwait(false);
        Diagnostics.OnStopped();
    }

    public void RequestReplacement() => _replace.Release();

    private async Task RetryReplacementAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(_options.ReconnectMaxDelay, _time, cancellationToken).ConfigureAwait(false);
            RequestReplacement();
        }
        catch (OperationCanceledException)
        {
            // The connector stopped.
        }
    }

    private Running Start(bool buffering, CancellationToken cancellationToken)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sink = new ConnectorSink(_protocol.Venue, _streams, _feeds, _counters, RequestReplacement, _plan.BookSymbols);
        var parser = _protocol.CreateParser(_protocol.CreateSymbolTable(_options.Symbols, acceptUnknown: false), Exchanges.Common.Parsing.ParseLimits.Default);
        var handler = new Handler(this, parser, sink, buffering);
        var session = new WebSocketSession(_plan, _options, handler, _time, _logger, _capture, _negotiate) { Venue = _protocol.Venue, Diagnostics = Diagnostics };
        var task = Task.Run(() => session.RunAsync(cancel.Token), CancellationToken.None);
        var running = new Running(task, cancel, handler, session);
        if (!buffering)
        {
            _active = running;
        }

        return running;
    }

    [LoggerMessage(EventId = 2104, EventName = "ReplacementSilent", Level = LogLevel.Warning, Message = "Connection {Name}: the replacement sent no frame within {Timeout}; kept the current connection, retrying in {RetryDelay}")]
    private static partial void LogReplacementSilent(ILogger logger, string name, TimeSpan timeout, TimeSpan retryDelay);

    [LoggerMessage(EventId = 2103, EventName = "ConnectionReplacing", Level = LogLevel.Information, Message = "Connection {Name}: opening a replacement before closing the old one")]
    private static partial void LogReplacing(ILogger logger, string name);

    private sealed record Running(Task Task, CancellationTokenSource Cancel, Handler Handler, WebSocketSession Session);

    /// <summary>Parses frames of one session; buffers them while it is a replacement waiting for hand-over.</summary>
    private sealed class Handler(ConnectionRunner owner, Exchanges.Common.Parsing.IFrameParser parser, ConnectorSink sink, bool buffering) : IFrameHandler
    {
        private readonly TaskCompletionSource _firstFrame = new(TaskCreationOptions.RunContinuationsAsynchronously);
        /// <summary>
        /// A frame that arrives this long (µs) after the previous one of its connection, from the network, found the
        /// link idle: yielding then costs nothing the thread would not have spent parked, and it runs the consumers'
        /// work without waking another worker. Frames closer together (flat out: microseconds apart) are parsed on
        /// without yielding, which measured 15–20 % less CPU per frame (docs/benchmarks.md).
        /// </summary>
        private const long IdleLinkGapMicros = 1_000;

        private readonly Queue<(byte[] Frame, Timestamp Time)> _held = new();
        private Timestamp _previousReceive;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private bool _buffering = buffering;
        private bool _retired;

        public Task FirstFrame => _firstFrame.Task;

        public void Retire() => _retired = true;

        public async Task ActivateAsync()
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                while (_held.Count > 0)
                {
                    var (frame, time) = _held.Dequeue();
                    await ParseAsync(frame, time, FrameArrival.Buffered).ConfigureAwait(false);
                }

                _buffering = false;
            }
            finally
            {
                _gate.Release();
            }
        }

        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
        public async ValueTask OnFrameAsync(ReadOnlyMemory<byte> frame, Timestamp receiveTime, FrameArrival arrival)
        {
            owner._counters.RecordFrame();
            _firstFrame.TrySetResult();
            if (_retired)
            {
                return;
            }

            if (_buffering)
            {
                await _gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    if (_buffering)
                    {
                        _held.Enqueue((frame.ToArray(), receiveTime));
                        return;
                    }
                }
                finally
                {
                    _gate.Release();
                }
            }

            await ParseAsync(frame, receiveTime, arrival).ConfigureAwait(false);
        }

        public void OnConnected() => owner.Connected++;

        public void OnSubscribed(int messages)
        {
            Interlocked.Add(ref owner._subscribeMessages, messages);
            owner.Subscribed = true;
        }

        public void OnDisconnected(string reason)
        {
            owner.Connected--;
            owner.Subscribed = false;
            if (_retired)
            {
                return;
            }

            owner.Reconnects++;
            var now = Timestamp.Now(owner._time);
            foreach (var symbol in owner._plan.BookSymbols)
            {
                var feed = owner._feeds.For(symbol);
                feed.Add(BookEvent.Reset(symbol, now));
                _ = feed.FlushAsync().AsTask();
            }
        }

        // At the live edge of an idle link the work the frame queued runs first on this thread (sink.FlushAsync); in a
        // burst, or while frames follow each other closely (flat out), this thread parses on.
        private ValueTask ParseAsync(ReadOnlyMemory<byte> frame, Timestamp time, FrameArrival arrival)
        {
            parser.Parse(frame.Span, time, sink);
            var idleBefore = time.UnixMicroseconds - _previousReceive.UnixMicroseconds >= IdleLinkGapMicros;
            _previousReceive = time;
            return sink.FlushAsync(atLiveEdge: arrival == FrameArrival.Waited && idleBefore);
        }
    }
}
