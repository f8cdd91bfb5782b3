using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OrleansFeed.Api.Tests;

/// <summary>A test WebSocket client reading whole JSON messages; every wait is bounded by the test's token.</summary>
internal sealed class WsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly byte[] _buffer = new byte[4 * 1024 * 1024];

    private WsClient(ClientWebSocket socket) => _socket = socket;

    public WebSocketState State => _socket.State;

    /// <summary>Connects; <paramref name="receiveBufferBytes"/> shrinks the kernel receive buffer (slow-client tests).</summary>
    public static async Task<WsClient> ConnectAsync(Uri uri, CancellationToken ct, int? receiveBufferBytes = null, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                var s = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                if (receiveBufferBytes is { } size)
                {
                    s.ReceiveBufferSize = size;
                }

                await s.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        await socket.ConnectAsync(uri, new HttpMessageInvoker(handler), ct);
        return new WsClient(socket);
    }

    public Task SendAsync(string json, CancellationToken ct) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, ct);

    /// <summary>Sends raw bytes as one message of <paramref name="type"/> (no validation: invalid UTF-8 goes out as is).</summary>
    public Task SendBytesAsync(byte[] bytes, WebSocketMessageType type, CancellationToken ct) =>
        _socket.SendAsync(bytes, type, true, ct);

    /// <summary>The next message; null when the server closed.</summary>
    public async Task<JsonElement?> ReceiveAnyAsync(CancellationToken ct)
    {
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(_buffer.AsMemory(count), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            count += result.Count;
        }
        while (!result.EndOfMessage);

        using var doc = JsonDocument.Parse(_buffer.AsMemory(0, count));
        return doc.RootElement.Clone();
    }

    /// <summary>The next message that is not a heartbeat.</summary>
    public async Task<JsonElement> ReceiveAsync(CancellationToken ct)
    {
        while (true)
        {
            var message = await ReceiveAnyAsync(ct) ?? throw new InvalidOperationException("The server closed the connection.");
            if (message.GetProperty("type").GetString() != "heartbeat")
            {
                return message;
            }
        }
    }

    /// <summary>The next non-heartbeat message, asserting its type.</summary>
    public async Task<JsonElement> ExpectAsync(string type, CancellationToken ct)
    {
        var message = await ReceiveAsync(ct);
        message.GetProperty("type").GetString().Should().Be(type, "message was {0}", message.GetRawText());
        return message;
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Reads (and discards) everything until the server ends the connection: true when it closed with 1008
    /// (policy violation) or aborted the TCP connection (a close frame cannot pass a full socket); false for any other close.</summary>
    public async Task<bool> ReceiveUntilClosedAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(), ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return _socket.CloseStatus == WebSocketCloseStatus.PolicyViolation;
                }
            }
        }
        catch (WebSocketException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await Task.CompletedTask;
    }
}
