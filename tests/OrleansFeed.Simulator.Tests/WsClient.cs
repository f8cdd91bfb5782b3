using System.Net.WebSockets;
using System.Text;

namespace OrleansFeed.Simulator.Tests;

/// <summary>A thin real <see cref="ClientWebSocket"/> wrapper reading whole text messages.</summary>
internal sealed class WsClient : IAsyncDisposable
{
    public const string Sentinel = "{\"sentinel\":true}";

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[1 << 20];

    public WebSocket Socket => _socket;

    public static async Task<WsClient> ConnectAsync(Uri uri, CancellationToken ct)
    {
        var client = new WsClient();
        await client._socket.ConnectAsync(uri, ct);
        return client;
    }

    /// <summary>The next text message, or null when the server closed.</summary>
    public async Task<string?> ReceiveAsync(CancellationToken ct)
    {
        var filled = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(filled), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            filled += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(_buffer, 0, filled);
            }
        }
    }

    /// <summary>Every message until <see cref="Sentinel"/> (exclusive).</summary>
    public async Task<List<string>> ReceiveUntilSentinelAsync(CancellationToken ct)
    {
        var messages = new List<string>();
        while (await ReceiveAsync(ct) is { } message && message != Sentinel)
        {
            messages.Add(message);
        }

        return messages;
    }

    public Task SendAsync(string text, CancellationToken ct) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
