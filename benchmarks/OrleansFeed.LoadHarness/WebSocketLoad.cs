using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace OrleansFeed.LoadHarness;

/// <summary>
/// <c>--ws-clients N</c>: N WebSocket clients with API keys (security on, as docs/security.md deploys it) connected to
/// the silo's <c>/ws</c>, each subscribed to one book (depth 10) and its trades, counting what they receive during the
/// run; then checks that the caps hold (one connection over a key's limit, one subscription over the tier's) and
/// reports the managed heap before, at its peak and after, so a reader sees memory stays bounded.
/// </summary>
internal sealed class WebSocketLoad : IAsyncDisposable
{
    /// <summary>Clients sharing one key; also the tier's <c>MaxConnections</c>, so the key is exactly at its limit.</summary>
    public const int ClientsPerKey = 20;

    /// <summary>Subscriptions per client (book + trades); also the tier's <c>MaxSubscriptions</c>.</summary>
    public const int SubscriptionsPerClient = 2;

    private const int ReceiveBufferBytes = 8 * 1024;
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(100);
    private readonly List<Client> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakHeap;

    private WebSocketLoad(long heapBefore)
    {
        HeapBefore = heapBefore;
        _sampler = Task.Run(SampleAsync);
    }

    /// <summary>Managed heap (bytes, after a full collection) before any client connected.</summary>
    public long HeapBefore { get; }

    /// <summary>Largest managed heap seen while clients were connected (sampled every 100 ms, no forced collection).</summary>
    public long PeakHeap => Interlocked.Read(ref _peakHeap);

    /// <summary>Clients connected and subscribed.</summary>
    public int Connected => _clients.Count;

    /// <summary>Messages received by all clients (heartbeats included).</summary>
    public long Messages => _clients.Sum(c => Interlocked.Read(ref c.Messages));

    /// <summary>Fewest and most messages one client received.</summary>
    public (long Min, long Max) PerClient => _clients.Count == 0 ? (0, 0) : (_clients.Min(c => c.Messages), _clients.Max(c => c.Messages));

    /// <summary>Clients the server closed (slow consumer or policy) before the end.</summary>
    public int ClosedByServer => _clients.Count(c => c.ClosedByServer);

    /// <summary>The API key file lines and the <c>Security</c> settings for <paramref name="clients"/> clients.</summary>
    public static (IReadOnlyList<string> Keys, List<KeyValuePair<string, string?>> Settings) Prepare(int clients, string directory)
    {
        var keys = Enumerable.Range(0, (clients + ClientsPerKey - 1) / ClientsPerKey)
            .Select(_ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace(':', '_'))
            .ToList();
        var file = Path.Combine(directory, "load-api-keys.txt");
        File.WriteAllLines(file, keys.Select((k, i) => $"load-{i}:sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(k)))}"));
        return (keys, [
            new("Security:ApiKeysFile", file),
            new("Security:Default:MaxConnections", ClientsPerKey.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Security:Default:MaxSubscriptions", SubscriptionsPerClient.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Security:Limits:MaxConcurrentUpgradedConnections", (clients + 100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
    }

    /// <summary>Connects and subscribes the clients (50 at a time), round-robin over <paramref name="books"/> (<c>venue:symbol</c>).</summary>
    public static async Task<WebSocketLoad> ConnectAsync(Uri ws, IReadOnlyList<string> keys, IReadOnlyList<string> books, int clients, CancellationToken cancellationToken)
    {
        GC.Collect();
        var load = new WebSocketLoad(GC.GetTotalMemory(forceFullCollection: true));
        for (var first = 0; first < clients; first += 50)
        {
            var batch = Enumerable.Range(first, Math.Min(50, clients - first))
                .Select(i => Client.ConnectAsync(ws, keys[i / ClientsPerKey], books[i % books.Count], load._stop.Token, cancellationToken));
            load._clients.AddRange(await Task.WhenAll(batch).ConfigureAwait(false));
        }

        return load;
    }

    /// <summary>Tries one connection over the first key's limit; true when the server refused it with 429.</summary>
    public static async Task<bool> ConnectionCapHoldsAsync(Uri ws, string key, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("X-API-Key", key);
        try
        {
            await socket.ConnectAsync(ws, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode == HttpStatusCode.TooManyRequests;
        }
    }

    /// <summary>Asks the first client for one subscription over the tier's cap; true when it was refused with code 429.</summary>
    public async Task<bool> SubscriptionCapHoldsAsync(string otherBook, CancellationToken cancellationToken)
    {
        var client = _clients[0];
        var (venue, symbol) = Split(otherBook);
        await client.SendAsync($$"""{"op":"subscribe","channel":"book","venue":"{{venue}}","symbol":"{{symbol}}","id":"over-cap"}""", cancellationToken).ConfigureAwait(false);
        return await client.Refused429.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes every client; <see cref="HeapNow"/> measures once the server has ended their sessions.</summary>
    public async Task CloseAllAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_clients.Select(c => c.CloseAsync())).ConfigureAwait(false);
        await _sampler.ConfigureAwait(false);
    }

    /// <summary>The managed heap now, after a full collection.</summary>
    public static long HeapNow()
    {
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await CloseAllAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private static (string Venue, string Symbol) Split(string book)
    {
        var colon = book.IndexOf(':', StringComparison.Ordinal);
        return (book[..colon], book[(colon + 1)..]);
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(SamplePeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var heap = GC.GetTotalMemory(forceFullCollection: false);
                if (heap > Interlocked.Read(ref _peakHeap))
                {
                    Interlocked.Exchange(ref _peakHeap, heap);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class Client
    {
        private readonly ClientWebSocket _socket;
        private Task _receive = Task.CompletedTask;
        public long Messages;

        private Client(ClientWebSocket socket) => _socket = socket;

        public bool ClosedByServer { get; private set; }

        public TaskCompletionSource<bool> Refused429 { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static async Task<Client> ConnectAsync(Uri ws, string key, string book, CancellationToken stop, CancellationToken cancellationToken)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("X-API-Key", key);
            await socket.ConnectAsync(ws, cancellationToken).ConfigureAwait(false);
            var client = new Client(socket);
            var (venue, symbol) = Split(book);
            await client.SendAsync($$"""{"op":"subscribe","channel":"book","venue":"{{venue}}","symbol":"{{symbol}}","depth":10,"id":1}""", cancellationToken).ConfigureAwait(false);
            await client.SendAsync($$"""{"op":"subscribe","channel":"trades","venue":"{{venue}}","symbol":"{{symbol}}","id":2}""", cancellationToken).ConfigureAwait(false);
            client._receive = Task.Run(() => client.ReceiveAsync(stop), CancellationToken.None);
            return client;
        }

        public Task SendAsync(string json, CancellationToken cancellationToken) =>
            _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

        public async Task CloseAsync()
        {
            _socket.Abort();
            await _receive.ConfigureAwait(false);
            _socket.Dispose();
        }

        private async Task ReceiveAsync(CancellationToken stop)
        {
            var buffer = new byte[ReceiveBufferBytes];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var result = await _socket.ReceiveAsync(buffer.AsMemory(), stop).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        ClosedByServer = true;
                        return;
                    }

                    if (result.EndOfMessage)
                    {
                        Interlocked.Increment(ref Messages);
                    }

                    // Only the over-cap reply is an error with code 429 and id "over-cap"; it fits in the first frame.
                    if (result.Count < 200 && buffer.AsSpan(0, result.Count).IndexOf("\"over-cap\""u8) >= 0)
                    {
                        Refused429.TrySetResult(buffer.AsSpan(0, result.Count).IndexOf("\"code\":429"u8) >= 0);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }
        }
    }
}
