using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Text.Json;
using OrleansFeed.Nats.Commands;

namespace OrleansFeed.Nats.Internal;

/// <summary>
/// One TCP (optionally TLS) connection to a server: the read pipe, the <see cref="CommandWriter"/>, the queue of
/// PONG waiters and the outstanding-ping count. A <see cref="NatsConnection"/> replaces it on every reconnect.
/// </summary>
internal sealed class NatsSocket : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pingsOut;

    private NatsSocket(Socket socket, Stream stream, PipeReader reader, ServerInfo info, NatsProtocolParser parser)
    {
        _socket = socket;
        Stream = stream;
        Reader = reader;
        Info = info;
        Parser = parser;
        Writer = new CommandWriter(stream, Fail);
    }

    public Stream Stream { get; }

    public PipeReader Reader { get; }

    public CommandWriter Writer { get; }

    public NatsProtocolParser Parser { get; }

    public ServerInfo Info { get; set; }

    /// <summary>One entry per PING written, in write order; null for keep-alive pings nobody awaits.</summary>
    public ConcurrentQueue<TaskCompletionSource?> PongWaiters { get; } = new();

    /// <summary>Cancelled when the socket is closed or failed.</summary>
    public CancellationTokenSource Lifetime { get; } = new();

    /// <summary>Completes with the failure (or null for an orderly close) when the socket is done.</summary>
    public Task<Exception?> Completion => _closed.Task;

    public int PingsOut => Volatile.Read(ref _pingsOut);

    public int IncrementPingsOut() => Interlocked.Increment(ref _pingsOut);

    public void ResetPingsOut() => Volatile.Write(ref _pingsOut, 0);

    /// <summary>Opens TCP, reads INFO, upgrades to TLS when required.</summary>
    public static async Task<NatsSocket> ConnectAsync(Uri uri, NatsOpts opts, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(uri.Host, uri.Port <= 0 ? 4222 : uri.Port, cancellationToken).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
            var parser = new NatsProtocolParser(opts.MaxPayloadHardCap);
            var info = await ReadInfoAsync(reader, parser, cancellationToken).ConfigureAwait(false);

            if (info.TlsRequired || uri.Scheme == "tls")
            {
                // TLS upgrade after INFO: the server sends nothing more until the handshake, so no bytes are lost here.
                await reader.CompleteAsync().ConfigureAwait(false);
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false, opts.Tls.RemoteCertificateValidation);
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions { TargetHost = opts.Tls.TargetHost ?? uri.Host },
                    cancellationToken).ConfigureAwait(false);
                stream = ssl;
                reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
            }

            return new NatsSocket(socket, stream, reader, info, parser);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Fail(Exception? error)
    {
        if (_closed.TrySetResult(error))
        {
            Lifetime.Cancel();
            while (PongWaiters.TryDequeue(out var waiter))
            {
                waiter?.TrySetException(new NatsConnectionException("NATS connection lost before PONG", error));
            }

            // Shutting the socket down wakes the reader loop at once.
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Fail(null);
        await Writer.DisposeAsync().ConfigureAwait(false);
        await Reader.CompleteAsync().ConfigureAwait(false);
        await Stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        Lifetime.Dispose();
    }

    private static async Task<ServerInfo> ReadInfoAsync(PipeReader reader, NatsProtocolParser parser, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (parser.TryParse(ref buffer, out var op))
            {
                if (op.Kind != ServerOpKind.Info)
                {
                    throw new NatsProtocolException($"NATS server did not start with INFO: op={op.Kind}");
                }

                var info = JsonSerializer.Deserialize(op.Text.Span, NatsJsonContext.Default.ServerInfo)
                    ?? throw new NatsProtocolException("NATS INFO was empty");
                reader.AdvanceTo(buffer.Start);
                return info;
            }

            if (result.IsCompleted)
            {
                throw new NatsConnectionException("NATS server closed the connection before INFO");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
