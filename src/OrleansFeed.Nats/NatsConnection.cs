using System.Buffers;
using Microsoft.Extensions.Logging;
using OrleansFeed.Nats.Commands;
using OrleansFeed.Nats.Internal;

namespace OrleansFeed.Nats;

/// <summary>
/// A connection to one NATS server speaking the client protocol over TCP (optionally TLS): publish, subscribe,
/// request/reply, keep-alive and reconnect. Split into partials per protocol feature.
/// </summary>
/// <remarks>
/// Thread-safe: every member may be called concurrently. Call <see cref="ConnectAsync"/> once before use. After a
/// lost connection it reconnects by itself with exponential backoff and jitter, re-sends every active subscription
/// with its sid, and sends publishes buffered meanwhile (see <see cref="NatsOpts.ReconnectBufferSize"/>).
/// Connection events run on a separate queue, never on the reader loop.
/// </remarks>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol"/>
public sealed partial class NatsConnection : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly Uri _uri;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SubscriptionManager _subs = new();
    private readonly NatsEventQueue _events;
    private readonly CancellationTokenSource _disposeCts = new();
    private NatsSocket? _socket;
    private volatile NatsConnectionState _state;
    private TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a connection; nothing is sent until <see cref="ConnectAsync"/>.</summary>
    /// <param name="opts">Options; <see cref="NatsOpts.Default"/> when null.</param>
    /// <exception cref="ArgumentException">An option is out of range (see <see cref="NatsOpts.Validate"/>).</exception>
    public NatsConnection(NatsOpts? opts = null)
    {
        Opts = opts ?? NatsOpts.Default;
        Opts.Validate();
        _uri = new Uri(Opts.Url);
        _logger = Opts.LoggerFactory.CreateLogger("OrleansFeed.Nats.NatsConnection");
        _events = new NatsEventQueue(Opts.EventQueueCapacity, _logger);
        InboxPrefix = $"{Opts.InboxPrefix}.{Nuid.Next()}";
    }

    /// <summary>Raised (on the event queue) when an open connection is lost.</summary>
    public event EventHandler<NatsEventArgs>? ConnectionDisconnected;

    /// <summary>Raised (on the event queue) after the first connect and after every successful reconnect.</summary>
    public event EventHandler<NatsEventArgs>? ConnectionOpened;

    /// <summary>Raised (on the event queue) after each failed reconnect attempt.</summary>
    public event EventHandler<NatsEventArgs>? ReconnectFailed;

    /// <summary>Raised (on the event queue) once per slow-consumer episode of a subscription.</summary>
    public event EventHandler<NatsSlowConsumerEventArgs>? SlowConsumerDetected;

    /// <summary>The options this connection was created with.</summary>
    public NatsOpts Opts { get; }

    /// <summary>Current state; changes are also raised as events.</summary>
    public NatsConnectionState ConnectionState => _state;

    /// <summary>Server version from the latest INFO (e.g. <c>2.9.10</c>); empty before connect.</summary>
    public string ServerVersion => _socket?.Info.Version ?? string.Empty;

    /// <summary>True when the server's INFO announced JetStream.</summary>
    public bool ServerJetStreamEnabled => _socket?.Info.JetStream ?? false;

    /// <summary>Connects: TCP, INFO, optional TLS upgrade, CONNECT, then PING and waits for the PONG.</summary>
    /// <param name="cancellationToken">Cancels the attempt; <see cref="NatsOpts.ConnectTimeout"/> also applies.</param>
    /// <returns>Completes when the server answered the first PONG.</returns>
    /// <exception cref="NatsServerException">The server rejected CONNECT; <see cref="NatsServerException.IsAuthError"/> for bad credentials.</exception>
    /// <exception cref="NatsConnectionException">The server could not be reached in time, or the connection is disposed or already connected.</exception>
    public async ValueTask ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (_state != NatsConnectionState.Closed)
        {
            throw new NatsConnectionException($"NATS connection cannot connect: state={_state}");
        }

        _state = NatsConnectionState.Connecting;
        try
        {
            var socket = await EstablishAsync(attempt: 0, cancellationToken).ConfigureAwait(false);
            _ = SuperviseAsync(socket);
        }
        catch
        {
            _state = NatsConnectionState.Closed;
            throw;
        }
    }

    /// <summary>Closes the socket, completes every subscription's channel and stops reconnecting. Idempotent.</summary>
    /// <returns>Completes when the socket and event queue are shut down.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_state == NatsConnectionState.Disposed)
        {
            return;
        }

        _state = NatsConnectionState.Disposed;
        await _disposeCts.CancelAsync().ConfigureAwait(false);
        _opened.TrySetException(new NatsConnectionException("NATS connection disposed"));
        FailAllRequests(new NatsConnectionException("NATS connection disposed"));
        var socket = Interlocked.Exchange(ref _socket, null);
        if (socket is not null)
        {
            await socket.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var target in _subs.Snapshot())
        {
            (target as NatsSubscription)?.Complete();
        }

        await _events.DisposeAsync().ConfigureAwait(false);
        _disposeCts.Dispose();
    }

    internal void OnSlowConsumer(NatsSubscription subscription, long dropped)
    {
        _logger.SlowConsumer(subscription.Subject, subscription.Sid, dropped);
        var handler = SlowConsumerDetected;
        if (handler is not null)
        {
            var args = new NatsSlowConsumerEventArgs(subscription, dropped);
            _events.Enqueue(nameof(SlowConsumerDetected), () => handler(this, args));
        }
    }

    private void Raise(EventHandler<NatsEventArgs>? handler, string name, NatsEventArgs args)
    {
        if (handler is not null)
        {
            _events.Enqueue(name, () => handler(this, args));
        }
    }

    /// <summary>
    /// Opens a socket and performs the handshake; then, under the write lock, re-sends subscriptions, drains the
    /// reconnect buffer and switches the state to Open, so no command can slip in between.
    /// </summary>
    private async Task<NatsSocket> EstablishAsync(int attempt, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposeCts.Token);
        timeout.CancelAfter(Opts.ConnectTimeout);
        NatsSocket socket;
        try
        {
            socket = await NatsSocket.ConnectAsync(_uri, Opts, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not NatsException && !cancellationToken.IsCancellationRequested)
        {
            throw new NatsConnectionException($"NATS connect failed: url={Opts.Url}", ex);
        }

        try
        {
            await HandshakeAsync(socket, timeout.Token).ConfigureAwait(false);
            int subscriptions;
            int buffered;
            await _writeLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                var writer = socket.Writer.Writer;
                var targets = _subs.Snapshot();
                foreach (var target in targets)
                {
                    ProtocolWriter.WriteSub(writer, target.Subject, target.QueueGroup, target.Sid);
                }

                subscriptions = targets.Length;
                buffered = _reconnectBuffer.WrittenCount;
                writer.Write(_reconnectBuffer.WrittenSpan);
                _reconnectBuffer.Clear();
                await socket.Writer.FlushAsync(timeout.Token).ConfigureAwait(false);
                _socket = socket;
                _state = NatsConnectionState.Open;
                _opened.TrySetResult();
            }
            finally
            {
                _writeLock.Release();
            }

            _ = Task.Run(() => ReadLoopAsync(socket));
            _ = Task.Run(() => PingLoopAsync(socket));
            if (attempt == 0)
            {
                _logger.Connected(Opts.Url, socket.Info.ServerId, socket.Info.Version);
            }
            else
            {
                _logger.Reconnected(Opts.Url, attempt, subscriptions, buffered);
            }

            Raise(ConnectionOpened, nameof(ConnectionOpened), new NatsEventArgs($"NATS connected: url={Opts.Url} attempt={attempt}", attempt));
            return socket;
        }
        catch (Exception ex)
        {
            await socket.DisposeAsync().ConfigureAwait(false);
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new NatsConnectionException($"NATS connect timed out: url={Opts.Url} timeout_ms={(long)Opts.ConnectTimeout.TotalMilliseconds}", ex);
            }

            throw;
        }
    }

    private async Task HandshakeAsync(NatsSocket socket, CancellationToken cancellationToken)
    {
        var connect = new ClientConnectOpts
        {
            Name = Opts.Name,
            User = Opts.Username,
            Pass = Opts.Password,
            AuthToken = Opts.AuthToken,
            TlsRequired = socket.Stream is System.Net.Security.SslStream,
        };
        var buffer = new ArrayBufferWriter<byte>(256);
        ProtocolWriter.WriteConnect(buffer, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(connect, NatsJsonContext.Default.ClientConnectOpts));
        ProtocolWriter.WritePing(buffer);
        await socket.Stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await socket.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        var reader = socket.Reader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var sequence = result.Buffer;
            while (socket.Parser.TryParse(ref sequence, out var op))
            {
                switch (op.Kind)
                {
                    case ServerOpKind.Pong:
                        reader.AdvanceTo(sequence.Start);
                        return;
                    case ServerOpKind.Err:
                        var error = System.Text.Encoding.UTF8.GetString(op.Text.Span);
                        reader.AdvanceTo(sequence.Start);
                        _logger.ServerError(error);
                        throw new NatsServerException(error);
                    case ServerOpKind.Ping:
                        await socket.Stream.WriteAsync("PONG\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        break;
                }
            }

            if (result.IsCompleted)
            {
                throw new NatsConnectionException($"NATS server closed the connection during CONNECT: url={Opts.Url}");
            }

            reader.AdvanceTo(sequence.Start, sequence.End);
        }
    }
}
