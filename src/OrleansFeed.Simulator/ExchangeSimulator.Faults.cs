using System.Globalization;
using System.Text;
using OrleansFeed.Simulator.Internal;
using OrleansFeed.Simulator.Venues;

namespace OrleansFeed.Simulator;

public sealed partial class ExchangeSimulator
{
    private readonly Lock _dropLock = new();
    private readonly List<(string? Venue, string Symbol, int Skip)> _pendingDrops = [];
    private volatile int _pendingDropCount;
    private long _diffsDropped;

    /// <summary>
    /// Withholds one future book diff of <paramref name="symbol"/> (on whichever venue has it) from every client,
    /// creating a sequence gap they must detect (Binance <c>U</c>/<c>pu</c>); the Binance true book still applies it,
    /// so REST snapshots stay correct. Several calls withhold several diffs.
    /// </summary>
    /// <param name="symbol">Symbol, any case (e.g. <c>SUSHIUSDT</c>).</param>
    /// <param name="skip">Diffs of the symbol to broadcast normally first; 0 (default) withholds the very next one.</param>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="skip"/> is negative.</exception>
    public void DropNextDiff(string symbol, int skip = 0) => AddDrop(null, symbol, skip);

    /// <summary>
    /// Withholds one future book diff of <paramref name="symbol"/> on <paramref name="venue"/> from every client of that
    /// venue (a sequence gap, or for venues without sequences a silently wrong book that checksums reveal). Snapshot
    /// catch-ups still include the diff: a resubscribed client gets the exact book.
    /// </summary>
    /// <param name="venue">Venue id (<c>binance</c>, <c>kraken</c>, <c>coinbase</c>, <c>okx</c>, <c>bybit</c>, <c>bitfinex</c>, <c>kucoin</c>).</param>
    /// <param name="symbol">Symbol as the venue spells it, any case (e.g. <c>XBT/USD</c>, <c>tETHJPY</c>, <c>BCHSV-USDT</c>).</param>
    /// <param name="skip">Diffs of the symbol to send normally first; 0 (default) withholds the very next one.</param>
    /// <exception cref="ArgumentException"><paramref name="venue"/> or <paramref name="symbol"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="skip"/> is negative.</exception>
    public void DropNextDiff(string venue, string symbol, int skip = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(venue);
        AddDrop(venue, symbol, skip);
    }

    /// <summary>Sends a truncated copy (first half) of the symbol's latest played book frame to the clients of
    /// <paramref name="venue"/> subscribed to any channel of <paramref name="symbol"/> (no book frame played yet: <c>{"</c>).</summary>
    /// <param name="venue">Venue id other than <c>binance</c> (use <see cref="SendMalformedFrame(string?)"/> there).</param>
    /// <param name="symbol">Symbol as the venue spells it.</param>
    /// <returns>Number of clients the frame was queued to.</returns>
    /// <exception cref="ArgumentException"><paramref name="venue"/> or <paramref name="symbol"/> is empty.</exception>
    public int SendMalformedFrame(string venue, string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(venue);
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        Log.FaultInjected(_logger, nameof(SendMalformedFrame), venue + "/" + symbol);
        var queued = 0;
        lock (_playLock)
        {
            var position = Volatile.Read(ref _position);
            var latest = position == 0 ? -1 : Array.FindLastIndex(_frames, position - 1, position, f =>
                f.VenueId == venue && f.Kind is SimulatedFrameKind.BookSnapshot or SimulatedFrameKind.BookDiff
                && string.Equals(f.Symbol, symbol, StringComparison.OrdinalIgnoreCase));
            var bytes = latest >= 0 ? _frames[latest].Combined[..(_frames[latest].Combined.Length / 2)].ToArray() : Encoding.UTF8.GetBytes("{\"");
            foreach (var client in _clients)
            {
                if (client.Venue?.Venue == venue && client.Keys.Any(k => string.Equals(SubscriptionKey.SymbolOf(k), symbol, StringComparison.OrdinalIgnoreCase)))
                {
                    Enqueue(client, bytes);
                    queued++;
                }
            }
        }

        return queued;
    }

    /// <summary>Sends <paramref name="text"/> verbatim as one text frame to every client of one venue.</summary>
    /// <param name="venue">Venue id (<c>binance</c> = the Binance routes' clients).</param>
    /// <param name="text">The frame text (not validated).</param>
    /// <returns>Number of clients the frame was queued to.</returns>
    public int InjectRaw(string venue, string text)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var queued = 0;
        lock (_playLock)
        {
            foreach (var client in _clients)
            {
                if ((client.Venue?.Venue ?? "binance") == venue)
                {
                    Enqueue(client, bytes);
                    queued++;
                }
            }
        }

        return queued;
    }

    private void AddDrop(string? venue, string symbol, int skip)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        lock (_dropLock)
        {
            _pendingDrops.Add((venue, symbol, skip));
            _pendingDropCount = _pendingDrops.Count;
        }

        Log.FaultInjected(_logger, nameof(DropNextDiff), venue is null ? symbol : venue + "/" + symbol);
    }

    private static bool Matches(string? venue, string symbol, string frameVenue, string frameSymbol) =>
        (venue is null || string.Equals(venue, frameVenue, StringComparison.OrdinalIgnoreCase))
        && string.Equals(symbol, frameSymbol, StringComparison.OrdinalIgnoreCase);

    /// <summary>Aborts every client socket without a close handshake (a venue dropping connections); clients
    /// are expected to reconnect. Playback continues.</summary>
    /// <returns>Number of clients aborted.</returns>
    public int CloseAllConnections()
    {
        var clients = _clients;
        foreach (var client in clients)
        {
            RemoveClient(client);
            client.Abort();
        }

        Log.FaultInjected(_logger, nameof(CloseAllConnections), clients.Length.ToString(CultureInfo.InvariantCulture));
        return clients.Length;
    }

    /// <summary>Sends a truncated, unparseable depth frame (<c>{"stream":"…@depth","data":{"e":"depthUpdate","s":</c>)
    /// to the clients subscribed to <paramref name="stream"/>, or to every client when null.</summary>
    /// <param name="stream">A stream name (any case), or null for all clients.</param>
    /// <returns>Number of clients the frame was queued to.</returns>
    public int SendMalformedFrame(string? stream = null)
    {
        var name = stream?.ToLowerInvariant() ?? "x@depth";
        var combined = Encoding.UTF8.GetBytes($"{{\"stream\":\"{name}\",\"data\":{{\"e\":\"depthUpdate\",\"s\":");
        var raw = Encoding.UTF8.GetBytes("{\"e\":\"depthUpdate\",\"s\":");
        Log.FaultInjected(_logger, nameof(SendMalformedFrame), name);
        return Broadcast(combined, raw, stream is null ? null : name, binanceOnly: false);
    }

    /// <summary>Sends <paramref name="text"/> verbatim as one text frame to every connected client.</summary>
    /// <param name="text">The frame text (not validated).</param>
    /// <returns>Number of clients the frame was queued to.</returns>
    public int InjectRaw(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        Log.FaultInjected(_logger, nameof(InjectRaw), text.Length.ToString(CultureInfo.InvariantCulture));
        return Broadcast(bytes, bytes, null, binanceOnly: false);
    }

    /// <summary>Sends Binance's 2026 <c>serverShutdown</c> notice to every Binance-route client: combined clients get
    /// <c>{"stream":"!serverShutdown","data":{"e":"serverShutdown","E":ms}}</c>, raw clients the data object (§1).</summary>
    /// <returns>Number of clients notified.</returns>
    public int ServerShutdownNotice()
    {
        var ms = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var data = string.Create(CultureInfo.InvariantCulture, $"{{\"e\":\"serverShutdown\",\"E\":{ms}}}");
        Log.FaultInjected(_logger, nameof(ServerShutdownNotice), "all");
        return Broadcast(Encoding.UTF8.GetBytes($"{{\"stream\":\"!serverShutdown\",\"data\":{data}}}"), Encoding.UTF8.GetBytes(data), null, binanceOnly: true);
    }

    /// <summary>Holds playback before the next frame until <see cref="Resume"/>. Connected clients stay connected.</summary>
    public void Pause()
    {
        lock (_pauseLock)
        {
            _paused ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Resumes a paused playback; pacing restarts from the current frame (no catch-up burst).</summary>
    public void Resume()
    {
        lock (_pauseLock)
        {
            _paused?.TrySetResult();
            _paused = null;
        }
    }

    /// <summary>Sets the extra delay added before each played frame (replaces <see cref="SimulatorOptions.FrameDelay"/>).</summary>
    /// <param name="delay">Zero or positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public void SetDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Interlocked.Exchange(ref _frameDelayTicks, delay.Ticks);
    }

    /// <summary>Answers the next <paramref name="count"/> REST depth requests with HTTP 429,
    /// <c>{"code":-1003,…}</c> and a <c>Retry-After</c> header in whole seconds (§1 REST limits).</summary>
    /// <param name="count">Requests to reject; 0 cancels pending rejections.</param>
    /// <param name="retryAfter">The Retry-After value (rounded up to seconds).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="retryAfter"/> is negative.</exception>
    public void RejectNextRestRequests(int count, TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        lock (_restLock)
        {
            _restRejectionsLeft = count;
            _restRetryAfter = retryAfter;
        }
    }

    private int Broadcast(byte[] combined, byte[] raw, string? stream, bool binanceOnly)
    {
        var queued = 0;
        foreach (var client in _clients)
        {
            if (binanceOnly && client.Venue is not null)
            {
                continue;
            }

            if (stream is null || client.IsSubscribed(stream))
            {
                Enqueue(client, client.Combined ? combined : raw);
                queued++;
            }
        }

        return queued;
    }

    /// <summary>Consumes one pending drop for the symbol when its skip count has run out.</summary>
    private bool ShouldDrop(string venue, string symbol)
    {
        if (_pendingDropCount == 0)
        {
            return false;
        }

        lock (_dropLock)
        {
            var drop = false;
            for (var i = 0; i < _pendingDrops.Count; i++)
            {
                var (v, s, skip) = _pendingDrops[i];
                if (!Matches(v, s, venue, symbol))
                {
                    continue;
                }

                if (skip == 0 && !drop)
                {
                    _pendingDrops.RemoveAt(i--);
                    drop = true;
                }
                else if (skip > 0)
                {
                    _pendingDrops[i] = (v, s, skip - 1);
                }
            }

            _pendingDropCount = _pendingDrops.Count;
            return drop;
        }
    }
}
