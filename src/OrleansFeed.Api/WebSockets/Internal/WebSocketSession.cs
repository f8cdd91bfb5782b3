using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OrleansFeed.Api.Diagnostics;
using OrleansFeed.Api.Hosting;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>
/// One WebSocket connection: a receive loop (client requests), a send loop draining the connection's ONE bounded
/// outbound queue into a reused buffer, and a timer loop (heartbeats, slow-consumer watchdog, conflation resume).
/// </summary>
/// <remarks>Producers (stream handlers, the receive loop, the timer) only ever <c>TryWrite</c> to the queue, so a slow
/// client never blocks a grain stream. Partials: <c>.Receive</c>, <c>.Send</c>, <c>.Timer</c>.</remarks>
internal sealed partial class WebSocketSession
{
    private readonly WebSocket _socket;
    private readonly ApiOptions _options;
    private readonly ApiWebSocketOptions _ws;
    private readonly IInstrumentCatalog _catalog;
    private readonly IGrainFactory _grains;
    private readonly IStreamProvider _streams;
    private readonly TimeProvider _time;
    private readonly ApiMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Channel<OutboundMessage> _queue;
    private readonly ConcurrentDictionary<(string Channel, string Key), SessionSubscription> _subscriptions = new();
    private readonly CancellationTokenSource _closing = new();
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "closed";
    private int _conflatedPending;

    public WebSocketSession(
        WebSocket socket,
        WebSocketSessionStats stats,
        ApiOptions options,
        IInstrumentCatalog catalog,
        IGrainFactory grains,
        IStreamProvider streams,
        TimeProvider time,
        ApiMetrics metrics,
        ILogger logger)
    {
        _socket = socket;
        Stats = stats;
        _options = options;
        _ws = options.WebSocket;
        _catalog = catalog;
        _grains = grains;
        _streams = streams;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<OutboundMessage>(new BoundedChannelOptions(_ws.SendQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping silently.
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
    }

    public WebSocketSessionStats Stats { get; }

    /// <summary>True when the queue is at most half full: room for a snapshot after conflation.</summary>
    public bool HasRoomForSnapshot => _queue.Reader.Count <= _ws.SendQueueCapacity / 2;

    /// <summary>Runs the session until the client closes, the request aborts or the client is too slow.</summary>
    public async Task RunAsync(CancellationToken requestAborted)
    {
        using var link = requestAborted.Register(static s => ((CancellationTokenSource)s!).Cancel(), _closing);
        _metrics.Connected();
        Stats.SubscriptionCount = () => _subscriptions.Count;
        ApiLog.WebSocketConnected(_logger, Stats.Id, Stats.Remote);
        var token = _closing.Token;
        var send = Task.Run(() => SendLoopAsync(token), CancellationToken.None);
        var timer = Task.Run(() => TimerLoopAsync(token), CancellationToken.None);
        try
        {
            await ReceiveLoopAsync(token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            if (ex is WebSocketException)
            {
                // The WebSocket itself failed the connection on a protocol violation (RFC 6455 section 8.1: a text frame
                // that is not UTF-8 closes with 1007) and sent the close frame; otherwise the transport broke.
                _closeReason = _socket.State == WebSocketState.CloseSent ? "protocol violation (close sent by the WebSocket)" : "connection lost";
                ApiLog.WebSocketFailed(_logger, Stats.Id, ex);
            }
        }
        finally
        {
            await _closing.CancelAsync();
            await Task.WhenAll(send, timer);
            foreach (var subscription in _subscriptions.Values)
            {
                await subscription.DisposeAsync();
            }

            _subscriptions.Clear();
            _queue.Writer.TryComplete();
            await CloseAsync();
            _metrics.Disconnected();
            ApiLog.WebSocketClosed(_logger, Stats.Id, _closeReason, Stats.MessagesSent, Stats.Conflations);
            // _closing is not disposed: a late requestAborted callback may still cancel it (it owns no timer).
        }
    }

    /// <summary>Queues a message without waiting; false when the queue is full (the caller conflates or drops).</summary>
    public bool TryEnqueue(in OutboundMessage message) => _queue.Writer.TryWrite(message);

    public void MarkConflated() => Volatile.Write(ref _conflatedPending, 1);

    public void OnConflated(BookSubscription subscription, string reason, long lastSequence)
    {
        Stats.Conflated();
        _metrics.Conflated();
        ApiLog.BookConflated(_logger, Stats.Id, subscription.StreamKey, reason, lastSequence);
    }

    public void OnSnapshotQueued() => Stats.SnapshotQueued();

    public void OnSnapshotFailed(BookSubscription subscription, Exception ex) =>
        ApiLog.SnapshotFetchFailed(_logger, Stats.Id, subscription.StreamKey, ex);

    public void OnTradeDropped()
    {
        Stats.TradeDropped();
        _metrics.TradeDropped();
    }

    private void ResumeConflated()
    {
        if (Interlocked.Exchange(ref _conflatedPending, 0) == 0)
        {
            return;
        }

        foreach (var subscription in _subscriptions.Values)
        {
            (subscription as BookSubscription)?.TryResume();
        }
    }

    private async Task CloseAsync()
    {
        // A send cancelled mid-frame aborts the socket; then there is no close handshake to do.
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            await _socket.CloseOutputAsync(_closeStatus, _closeReason, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            _socket.Abort();
        }
    }
}
