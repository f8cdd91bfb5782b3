using System.Text;
using System.Text.Json;
using OrleansFeed.Nats.Commands;
using OrleansFeed.Nats.Internal;

namespace OrleansFeed.Nats;

/// <summary>The reader loop: parse server operations and dispatch them.</summary>
public sealed partial class NatsConnection
{
    private async Task ReadLoopAsync(NatsSocket socket)
    {
        var reader = socket.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(socket.Lifetime.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (socket.Parser.TryParse(ref buffer, out var op))
                {
                    await DispatchAsync(socket, op).ConfigureAwait(false);
                }

                if (result.IsCompleted)
                {
                    socket.Fail(new NatsConnectionException($"NATS server closed the connection: url={Opts.Url}"));
                    return;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (Exception ex)
        {
            socket.Fail(ex);
        }
    }

    private ValueTask DispatchAsync(NatsSocket socket, in ServerOp op)
    {
        switch (op.Kind)
        {
            case ServerOpKind.Msg:
            case ServerOpKind.HMsg:
                if (_subs.TryGet(op.Sid, out var target))
                {
                    target.Deliver(op, this);
                }

                return ValueTask.CompletedTask;
            case ServerOpKind.Ping:
                return WriteControlAsync(socket, static w => ProtocolWriter.WritePong(w));
            case ServerOpKind.Pong:
                socket.ResetPingsOut();
                if (socket.PongWaiters.TryDequeue(out var waiter))
                {
                    waiter?.TrySetResult();
                }

                return ValueTask.CompletedTask;
            case ServerOpKind.Err:
                _logger.ServerError(Encoding.UTF8.GetString(op.Text.Span));
                return ValueTask.CompletedTask;
            case ServerOpKind.Info:
                var info = JsonSerializer.Deserialize(op.Text.Span, NatsJsonContext.Default.ServerInfo);
                if (info is not null)
                {
                    socket.Info = info;
                }

                return ValueTask.CompletedTask;
            default:
                return ValueTask.CompletedTask;
        }
    }

    /// <summary>Writes a PING/PONG to this socket (not buffered across reconnects: it belongs to this socket).</summary>
    private async ValueTask WriteControlAsync(NatsSocket socket, Action<System.IO.Pipelines.PipeWriter> write, TaskCompletionSource? pongWaiter = null, bool isPing = false)
    {
        await _writeLock.WaitAsync(socket.Lifetime.Token).ConfigureAwait(false);
        try
        {
            if (isPing)
            {
                socket.PongWaiters.Enqueue(pongWaiter);
            }

            write(socket.Writer.Writer);
            await socket.Writer.FlushAsync(socket.Lifetime.Token).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
