using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Common.Sessions;

/// <summary>
/// One venue WebSocket connection kept open: connect, send the plan's subscribe messages, read frames into a pooled
/// buffer, reconnect with exponential backoff and full jitter, and end itself once it is older than
/// <see cref="VenueOptions.MaxConnectionAge"/> so the owner can open a replacement first.
/// </summary>
/// <remarks>
/// WebSocket ping frames from the venue are answered with pongs by <see cref="ClientWebSocket"/> itself (RFC 6455 §5.5.2),
/// and it sends unsolicited pongs every <see cref="ClientWebSocketOptions.KeepAliveInterval"/>. Frames above
/// <see cref="MaxFrameBytes"/> are dropped and counted, not buffered.
/// </remarks>
public sealed partial class WebSocketSession
{
    private readonly ConnectionPlan _plan;
    private readonly VenueOptions _options;
    private readonly IFrameHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CaptureWriter? _capture;
    private readonly Func<ConnectionPlan, CancellationToken, ValueTask<ConnectionPlan>>? _negotiate;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private ConnectionPlan _current;
    private ClientWebSocket? _socket;
    private long _frames;
    private long _reconnects;
    private long _oversized;
    private ConnectionDiagnostics? _diagnostics;

    /// <summary>Creates a session; <see cref="RunAsync"/> starts it.</summary>
    /// <param name="plan">Where to connect and what to send.</param>
    /// <param name="options">Venue options (backoff, max age).</param>
    /// <param name="handler">Receives frames and connection events.</param>
    /// <param name="time">Clock.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="capture">When set, every connection event and frame is recorded.</param>
    /// <param name="negotiate">
    /// Runs before every connect attempt and returns the plan to use (KuCoin's token handshake,
    /// <see cref="IVenueConnectivity.NegotiateAsync"/>); null connects with <paramref name="plan"/> as is.
    /// A failure counts as a failed connect (backoff, retry).
    /// </param>
    public WebSocketSession(ConnectionPlan plan, VenueOptions options, IFrameHandler handler, TimeProvider time, ILogger logger, CaptureWriter? capture = null, Func<ConnectionPlan, CancellationToken, ValueTask<ConnectionPlan>>? negotiate = null)
    {
        _plan = plan;
        _current = plan;
        _negotiate = negotiate;
        _options = options;
        _handler = handler;
        _time = time;
        _logger = logger;
        _capture = capture;
    }

    /// <summary>Largest frame accepted, bytes. Default 4 MiB.</summary>
    public int MaxFrameBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The plan.</summary>
    public ConnectionPlan Plan => _plan;

    /// <summary>Venue id, named in every log line with the plan name and host (plan names repeat across venues).</summary>
    public string Venue { get; init; } = string.Empty;

    /// <summary>
    /// State, failed attempts, last error and next retry of this connection, for status and readiness. An owner that
    /// replaces sessions (max age) passes one instance to each, so the history survives the replacement; by default
    /// the session makes its own.
    /// </summary>
    public ConnectionDiagnostics Diagnostics
    {
        get => LazyInitializer.EnsureInitialized(ref _diagnostics, () => new ConnectionDiagnostics(Venue, _plan.Name, _plan.Uri.Authority));
        init => _diagnostics = value;
    }

    /// <summary>True while a connection is open.</summary>
    public bool IsConnected { get; private set; }

    /// <summary>Frames received.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Reconnects after a lost connection.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Frames dropped for exceeding <see cref="MaxFrameBytes"/>.</summary>
    public long OversizedFrames => Interlocked.Read(ref _oversized);

    /// <summary>
    /// Connects and reads until cancelled or until the connection reaches its maximum age (then returns so the owner
    /// replaces it), reconnecting after failures. Never throws except <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="cancellationToken">Stops the session.</param>
    /// <returns>Completes at max age or when cancelled.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var diagnostics = Diagnostics;
        while (!cancellationToken.IsCancellationRequested)
        {
            var opened = _time.GetUtcNow();
            var reachedMaxAge = false;
            var wasConnected = false;
            string? error = null;
            try
            {
                using var socket = new ClientWebSocket();
                socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
                using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                connectTimeout.CancelAfter(TimeSpan.FromSeconds(15));
                _current = _negotiate is null ? _plan : await _negotiate(_plan, connectTimeout.Token).ConfigureAwait(false);
                await socket.ConnectAsync(_current.Uri, connectTimeout.Token).ConfigureAwait(false);
                _socket = socket;
                IsConnected = true;
                failures = 0;
                Record(CaptureRecordKind.Open, ReadOnlyMemory<byte>.Empty);
                wasConnected = true;
                var failedBefore = diagnostics.OnConnected();
                if (failedBefore > 0)
                {
                    LogConnectedAfterFailures(_logger, Venue, _current.Name, _current.Uri, failedBefore);
                }
                else
                {
                    LogConnected(_logger, Venue, _current.Name, _current.Uri);
                }

                _handler.OnConnected();
                for (var i = 0; i < _current.SubscribeMessages.Count; i++)
                {
                    if (i > 0 && _current.SubscribeMessageInterval > TimeSpan.Zero)
                    {
                        // The venue's subscribe-message rate limit (§0): exceeding it gets the connection closed.
                        await Task.Delay(_current.SubscribeMessageInterval, _time, cancellationToken).ConfigureAwait(false);
                    }

                    await SendOnAsync(socket, _current.SubscribeMessages[i], cancellationToken).ConfigureAwait(false);
                }

                _handler.OnSubscribed(_current.SubscribeMessages.Count);

                using var ageLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                ageLimit.CancelAfter(_options.MaxConnectionAge);
                using var pingStop = CancellationTokenSource.CreateLinkedTokenSource(ageLimit.Token);
                var keepAlive = _current.KeepAlive is { } ping ? KeepAliveAsync(socket, ping, pingStop.Token) : Task.CompletedTask;
                try
                {
                    await ReceiveLoopAsync(socket, ageLimit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    reachedMaxAge = true;
                }
                finally
                {
                    await pingStop.CancelAsync().ConfigureAwait(false);
                    await keepAlive.ConfigureAwait(false);
                }

                if (reachedMaxAge)
                {
                    LogMaxAge(_logger, Venue, _plan.Name, diagnostics.Host);
                }
                else
                {
                    error = "closed by the venue";
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or OperationCanceledException or FormatException or System.Text.Json.JsonException)
            {
                // FormatException/JsonException: a venue handshake (NegotiateAsync) answered something unreadable.
                failures++;
                // "Unable to connect to the remote server" says nothing; the inner exception says why (DNS, refused, TLS).
                error = ex.InnerException is { } inner && inner.Message != ex.Message ? $"{ex.Message} ({inner.Message})" : ex.Message;
            }
            finally
            {
                _socket = null;
                if (IsConnected)
                {
                    IsConnected = false;
                    Record(CaptureRecordKind.Close, ReadOnlyMemory<byte>.Empty);
                    _handler.OnDisconnected(reachedMaxAge ? "max-age" : "lost");
                }
            }

            if (reachedMaxAge || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            Interlocked.Increment(ref _reconnects);
            var delay = Backoff(failures, _time.GetUtcNow() - opened);
            ReportFailure(diagnostics, wasConnected, error ?? "closed", delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records a failed attempt or lost connection and logs it only when the state changes (connected or connecting →
    /// retrying): a venue that stays unreachable logs one warning with the attempt count, not one per retry; the
    /// retries that follow are logged at Debug and the recovery at Information with the number of failed attempts.
    /// </summary>
    private void ReportFailure(ConnectionDiagnostics diagnostics, bool wasConnected, string error, TimeSpan delay)
    {
        var now = Timestamp.Now(_time);
        var retryAt = new Timestamp(now.UnixMicroseconds + (delay.Ticks / TimeSpan.TicksPerMicrosecond));
        if (diagnostics.OnFailed(error, now, retryAt))
        {
            var attempt = diagnostics.Read().FailedAttempts;
            if (wasConnected)
            {
                LogLost(_logger, Venue, _plan.Name, diagnostics.Host, error, delay.TotalSeconds, _options.ReconnectMaxDelay.TotalSeconds);
            }
            else
            {
                LogCannotConnect(_logger, Venue, _plan.Name, diagnostics.Host, attempt, error, delay.TotalSeconds, _options.ReconnectMaxDelay.TotalSeconds);
            }
        }
        else
        {
            LogRetryFailed(_logger, Venue, _plan.Name, diagnostics.Host, diagnostics.Read().FailedAttempts, error, delay.TotalSeconds);
        }
    }

    /// <summary>
    /// Sends text frames on the open connection, in order (a per-symbol resubscribe, §0 "resync one symbol").
    /// Sends are serialised with the subscribe and keep-alive frames.
    /// </summary>
    /// <param name="messages">The frames.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>False when the connection is not open (the reconnect's subscription will resync every book anyway).</returns>
    public async Task<bool> SendAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var socket = _socket;
        if (socket is null || socket.State != WebSocketState.Open)
        {
            return false;
        }

        try
        {
            foreach (var message in messages)
            {
                await SendOnAsync(socket, message, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task SendOnAsync(ClientWebSocket socket, string message, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Record(CaptureRecordKind.Sent, bytes);
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task KeepAliveAsync(ClientWebSocket socket, ConnectionKeepAlive ping, CancellationToken cancellationToken)
    {
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                await Task.Delay(ping.Interval, _time, cancellationToken).ConfigureAwait(false);
                await SendOnAsync(socket, ping.Message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The receive loop notices the closed connection and reconnects; nothing to do here.
        }
    }

    /// <summary>Exponential backoff with full jitter: uniform in [0, min(max, min·2^failures)].</summary>
    /// <param name="failures">Consecutive failures.</param>
    /// <param name="lastLifetime">How long the last connection lived (a long-lived connection resets the backoff).</param>
    /// <returns>The delay.</returns>
    internal TimeSpan Backoff(int failures, TimeSpan lastLifetime)
    {
        var exponent = Math.Min(failures, 16);
        var ceiling = Math.Min(_options.ReconnectMaxDelay.TotalMilliseconds, _options.ReconnectMinDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var jittered = _options.ReconnectMinDelay.TotalMilliseconds + (Random.Shared.NextDouble() * Math.Max(0, ceiling - _options.ReconnectMinDelay.TotalMilliseconds));
        return TimeSpan.FromMilliseconds(lastLifetime > TimeSpan.FromMinutes(1) ? _options.ReconnectMinDelay.TotalMilliseconds : jittered);
    }

    private async Task ReceiveLoopAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var length = 0;
                var oversized = false;
                var waited = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= MaxFrameBytes)
                        {
                            oversized = true;
                            length = 0;
                        }
                        else
                        {
                            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            buffer.AsSpan(0, length).CopyTo(bigger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = bigger;
                        }
                    }

                    var receive = socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    waited |= !receive.IsCompleted;
                    result = await receive.ConfigureAwait(false);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (oversized)
                {
                    Interlocked.Increment(ref _oversized);
                    continue;
                }

                Interlocked.Increment(ref _frames);
                var now = Timestamp.Now(_time);
                var frame = buffer.AsMemory(0, length);
                if (_capture is not null)
                {
                    _capture.Write(new CaptureRecord(now, CaptureRecordKind.Received, _current.Uri.ToString(), frame.ToArray()));
                }

                await _handler.OnFrameAsync(frame, now, waited ? FrameArrival.Waited : FrameArrival.Buffered).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Record(CaptureRecordKind kind, ReadOnlyMemory<byte> payload) =>
        _capture?.Write(new CaptureRecord(Timestamp.Now(_time), kind, _current.Uri.ToString(), payload.ToArray()));

    [LoggerMessage(EventId = 2101, EventName = "SessionConnected", Level = LogLevel.Information, Message = "Connection {Venue}/{Name} open to {Uri}")]
    private static partial void LogConnected(ILogger logger, string venue, string name, Uri uri);

    [LoggerMessage(EventId = 2102, EventName = "SessionLost", Level = LogLevel.Warning,
        Message = "Connection {Venue}/{Name} to {Host} lost: {Reason}; reconnecting in {DelaySeconds:0.0} s (backoff up to {MaxDelaySeconds} s), further failures logged at Debug until it reconnects")]
    private static partial void LogLost(ILogger logger, string venue, string name, string host, string reason, double delaySeconds, double maxDelaySeconds);

    [LoggerMessage(EventId = 2104, EventName = "SessionCannotConnect", Level = LogLevel.Warning,
        Message = "Connection {Venue}/{Name} to {Host} cannot connect (attempt {Attempt}): {Reason}; retrying in {DelaySeconds:0.0} s (backoff up to {MaxDelaySeconds} s), further failures logged at Debug until it connects")]
    private static partial void LogCannotConnect(ILogger logger, string venue, string name, string host, int attempt, string reason, double delaySeconds, double maxDelaySeconds);

    [LoggerMessage(EventId = 2105, EventName = "SessionRetryFailed", Level = LogLevel.Debug,
        Message = "Connection {Venue}/{Name} to {Host}: attempt {Attempt} failed: {Reason}; next in {DelaySeconds:0.0} s")]
    private static partial void LogRetryFailed(ILogger logger, string venue, string name, string host, int attempt, string reason, double delaySeconds);

    [LoggerMessage(EventId = 2106, EventName = "SessionConnectedAfterFailures", Level = LogLevel.Information,
        Message = "Connection {Venue}/{Name} open to {Uri} after {FailedAttempts} failed attempt(s)")]
    private static partial void LogConnectedAfterFailures(ILogger logger, string venue, string name, Uri uri, int failedAttempts);

    [LoggerMessage(EventId = 2107, EventName = "SessionMaxAge", Level = LogLevel.Information,
        Message = "Connection {Venue}/{Name} to {Host} reached its maximum age; the owner opens a replacement")]
    private static partial void LogMaxAge(ILogger logger, string venue, string name, string host);
}
