using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using OrleansFeed.Core.Aggregation.Latency;

namespace OrleansFeed.LoadHarness;

/// <summary>
/// The soak's WebSocket clients: each on one book (depth 10) and its trades, as <see cref="WebSocketLoad"/>'s; every
/// minute <see cref="ChurnShare"/> of them close and connect again. One message in <see cref="SampleEvery"/> is timed
/// from the <c>receiveTime</c> the silo stamped (docs/websocket-protocol.md) to its arrival here: the delivery latency,
/// on the same clock.
/// </summary>
internal sealed class SoakClients : IAsyncDisposable
{
    /// <summary>Share of the clients replaced every minute.</summary>
    public const double ChurnShare = 0.1;

    /// <summary>One message timed per this many received (parsing every message would load the machine measured).</summary>
    public const int SampleEvery = 16;

    private static readonly byte[] ReceiveTimeKey = "\"receiveTime\":\""u8.ToArray();
    private readonly Uri _ws;
    private readonly IReadOnlyList<string> _keys;
    private readonly IReadOnlyList<string> _books;
    private readonly Client?[] _clients;
    private readonly Lock _lock = new();
    private readonly LatencyHistogram _latency = new();
    private int _next;

    public SoakClients(Uri ws, IReadOnlyList<string> keys, IReadOnlyList<string> books, int count)
    {
        _ws = ws;
        _keys = keys;
        _books = books;
        _clients = new Client?[count];
    }

    /// <summary>Clients connected now.</summary>
    public int Connected => _clients.Count(c => c is { Closed: false });

    /// <summary>Connects every client not connected (50 at a time); a refused connection is tried again at the next call.</summary>
    public async Task ConnectMissingAsync(CancellationToken cancellationToken)
    {
        var missing = Enumerable.Range(0, _clients.Length).Where(i => _clients[i] is null or { Closed: true }).ToList();
        foreach (var batch in missing.Chunk(50))
        {
            await Task.WhenAll(batch.Select(async i =>
            {
                try
                {
                    _clients[i] = await Client.ConnectAsync(_ws, _keys[i / WebSocketLoad.ClientsPerKey], _books[i % _books.Count], this, cancellationToken).ConfigureAwait(false);
                }
                catch (WebSocketException)
                {
                    _clients[i] = null; // over the key's connection cap until the server ends the old session
                }
            })).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the next <see cref="ChurnShare"/> of the clients (round-robin) and connects them again.</summary>
    /// <returns>Clients closed.</returns>
    public async Task<int> ChurnAsync(CancellationToken cancellationToken)
    {
        var count = Math.Max(1, (int)(_clients.Length * ChurnShare));
        var closing = new List<Client>();
        for (var n = 0; n < count; n++, _next = (_next + 1) % _clients.Length)
        {
            if (_clients[_next] is { } c)
            {
                closing.Add(c);
            }
        }

        await Task.WhenAll(closing.Select(c => c.CloseAsync())).ConfigureAwait(false);
        // The server ends each session once it sees the abort; until then the key is at its connection cap.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        await ConnectMissingAsync(cancellationToken).ConfigureAwait(false);
        return closing.Count;
    }

    /// <summary>Takes the minute's delivery latencies and starts a new minute.</summary>
    public (long Count, long P50, long P99) Take()
    {
        lock (_lock)
        {
            var figures = (_latency.Count, _latency.ValueAtPercentile(50), _latency.ValueAtPercentile(99));
            _latency.Reset();
            return figures;
        }
    }

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_clients.OfType<Client>().Select(c => c.CloseAsync())).ConfigureAwait(false);

    private void Sample(ReadOnlySpan<byte> message)
    {
        var at = message.IndexOf(ReceiveTimeKey);
        if (at < 0)
        {
            return;
        }

        var value = message[(at + ReceiveTimeKey.Length)..];
        var end = value.IndexOf((byte)'"');
        if (end < 0 || !DateTimeOffset.TryParse(Encoding.ASCII.GetString(value[..end]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamped))
        {
            return;
        }

        var micros = (DateTimeOffset.UtcNow - stamped).Ticks / TimeSpan.TicksPerMicrosecond;
        lock (_lock)
        {
            _latency.Record(Math.Max(0, micros));
        }
    }

    private sealed class Client
    {
        private const int ReceiveBufferBytes = 64 * 1024;
        private readonly ClientWebSocket _socket;
        private readonly CancellationTokenSource _stop = new();
        private Task _receive = Task.CompletedTask;

        private Client(ClientWebSocket socket) => _socket = socket;

        public bool Closed { get; private set; }

        public static async Task<Client> ConnectAsync(Uri ws, string key, string book, SoakClients owner, CancellationToken cancellationToken)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("X-API-Key", key);
            try
            {
                await socket.ConnectAsync(ws, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            var client = new Client(socket);
            var colon = book.IndexOf(':', StringComparison.Ordinal);
            var (venue, symbol) = (book[..colon], book[(colon + 1)..]);
            await client.SendAsync($$"""{"op":"subscribe","channel":"book","venue":"{{venue}}","symbol":"{{symbol}}","depth":10,"id":1}""", cancellationToken).ConfigureAwait(false);
            await client.SendAsync($$"""{"op":"subscribe","channel":"trades","venue":"{{venue}}","symbol":"{{symbol}}","id":2}""", cancellationToken).ConfigureAwait(false);
            client._receive = Task.Run(() => client.ReceiveAsync(owner), CancellationToken.None);
            return client;
        }

        public async Task CloseAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            _socket.Abort();
            await _receive.ConfigureAwait(false);
            _socket.Dispose();
            Closed = true;
        }

        private Task SendAsync(string json, CancellationToken cancellationToken) =>
            _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

        private async Task ReceiveAsync(SoakClients owner)
        {
            var buffer = new byte[ReceiveBufferBytes];
            var (messages, filled) = (0L, 0);
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var result = await _socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    // Only the start of a message is kept: the stamp sits near it.
                    filled = Math.Min(filled + result.Count, 4096);
                    if (!result.EndOfMessage)
                    {
                        continue;
                    }

                    if (++messages % SampleEvery == 0)
                    {
                        owner.Sample(buffer.AsSpan(0, filled));
                    }

                    filled = 0;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }

            Closed = true;
        }
    }
}
