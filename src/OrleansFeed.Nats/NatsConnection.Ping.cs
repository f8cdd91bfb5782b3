using OrleansFeed.Nats.Commands;
using OrleansFeed.Nats.Internal;

namespace OrleansFeed.Nats;

/// <summary>Keep-alive PINGs and <see cref="FlushAsync"/>.</summary>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#ping-pong"/>
public sealed partial class NatsConnection
{
    /// <summary>
    /// Sends PING and waits for the PONG: when it completes the server has processed every command this connection
    /// sent before it. Waits for a reconnect first when the connection is down.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes on the matching PONG.</returns>
    /// <exception cref="NatsConnectionException">The connection was lost before the PONG, or it is disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        var socket = await WaitOpenAsync(cancellationToken).ConfigureAwait(false);
        var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await WriteControlAsync(socket, static w => ProtocolWriter.WritePing(w), pong, isPing: true).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            throw new NatsConnectionException("NATS connection lost before PING was sent", ex);
        }

        await pong.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<NatsSocket> WaitOpenAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = _state;
            if (state == NatsConnectionState.Disposed)
            {
                throw new NatsConnectionException("NATS connection is disposed");
            }

            if (state == NatsConnectionState.Closed)
            {
                throw new NatsConnectionException("NATS connection is not connected; call ConnectAsync first");
            }

            var socket = _socket;
            if (state == NatsConnectionState.Open && socket is not null)
            {
                return socket;
            }

            await _opened.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PingLoopAsync(NatsSocket socket)
    {
        using var timer = new PeriodicTimer(Opts.PingInterval, Opts.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(socket.Lifetime.Token).ConfigureAwait(false))
            {
                if (socket.PingsOut >= Opts.MaxPingOut)
                {
                    _logger.StaleConnection(socket.PingsOut, Opts.MaxPingOut);
                    socket.Fail(new NatsConnectionException($"NATS connection stale: pings_out={socket.PingsOut} max_pings_out={Opts.MaxPingOut}"));
                    return;
                }

                socket.IncrementPingsOut();
                await WriteControlAsync(socket, static w => ProtocolWriter.WritePing(w), pongWaiter: null, isPing: true).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Socket closed; the next socket has its own loop.
        }
        catch (Exception ex)
        {
            socket.Fail(ex);
        }
    }
}
