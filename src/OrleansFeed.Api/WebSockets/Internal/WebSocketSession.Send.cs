using System.Buffers;
using System.Net.WebSockets;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>The send loop: the queue's only reader, serializing each message into one reused buffer.</summary>
internal sealed partial class WebSocketSession
{
    // Stopwatch timestamp when the current SendAsync started; 0 while not sending (watchdog reads it).
    private long _sendStartedAt;

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        // Relaxed escaping: error texts stay readable ("isn't", not "isn\u0027t"); a WebSocket text frame is never parsed as HTML.
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                while (reader.TryRead(out var message))
                {
                    if (message.Subscription is { IsActive: false })
                    {
                        continue;
                    }

                    buffer.ResetWrittenCount();
                    writer.Reset(buffer);
                    ServerMessageWriter.Write(writer, message);
                    writer.Flush();
                    Volatile.Write(ref _sendStartedAt, _time.GetTimestamp());
                    await _socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                    Volatile.Write(ref _sendStartedAt, 0);
                    Stats.MessageSent();
                    _metrics.MessageSent();
                    if (Volatile.Read(ref _conflatedPending) != 0 && HasRoomForSnapshot)
                    {
                        ResumeConflated();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Closing: the receive loop or the watchdog decided; RunAsync does the close handshake.
        }
        finally
        {
            await CloseAfterNoticeAsync();
            await _closing.CancelAsync();
        }
    }
}
