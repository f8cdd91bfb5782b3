using System.Buffers;
using System.Net.WebSockets;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>The receive loop: reads whole client messages (bounded size) and dispatches them.</summary>
internal sealed partial class WebSocketSession
{
    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var max = _ws.MaxClientMessageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var count = 0;
                var tooLarge = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    // Past the cap, keep reading into the tail of the buffer only to find the end of the message.
                    var target = count < max ? buffer.AsMemory(count, max - count) : buffer.AsMemory(0, max);
                    result = await _socket.ReceiveAsync(target, cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _closeReason = "client closed";
                        return;
                    }

                    if (count < max)
                    {
                        count += result.Count;
                    }

                    tooLarge |= count >= max && !result.EndOfMessage;
                }
                while (!result.EndOfMessage);

                if (!AcceptInbound())
                {
                    continue; // Over the message rate: the notice is queued and the session is closing.
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    TryEnqueue(OutboundMessage.Error(default, 400, "binary messages are not supported; send JSON text"));
                }
                else if (tooLarge)
                {
                    TryEnqueue(OutboundMessage.Error(default, 400, $"message larger than {max} bytes"));
                }
                else
                {
                    await HandleAsync(buffer.AsMemory(0, count));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
