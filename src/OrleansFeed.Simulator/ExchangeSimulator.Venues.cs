using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrleansFeed.Simulator.Internal;
using OrleansFeed.Simulator.Venues;

namespace OrleansFeed.Simulator;

public sealed partial class ExchangeSimulator
{
    private const char VenueKeySeparator = '\u001e';
    private long _catchUps;
    private readonly Lazy<IReadOnlyList<(string Venue, IReadOnlyList<string> Symbols, RecordedBookSettings Recorded)>> _recordedVenues;

    /// <summary>Snapshot catch-ups queued to venue clients that subscribed a book after its recorded snapshot was played
    /// (each one is the snapshot plus the book frames played since).</summary>
    public long CatchUpsSent => Interlocked.Read(ref _catchUps);

    /// <summary>Venue ids with recorded traffic in the capture (<c>binance</c> when it has Binance frames), sorted.</summary>
    public IReadOnlyList<string> Venues =>
        [.. _venueCapture.Present.Select(v => v.Venue).Concat(_frames.Any(f => f.Venue is null) || _books.ByTime.Count > 0 ? ["binance"] : []).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The symbols (venue spelling, e.g. <c>XBT/USD</c>, <c>tBTCUSD</c>, <c>BTC-USDT</c>) with recorded book frames or
    /// REST snapshots for a venue: what a connector pointed at the simulator should subscribe.</summary>
    /// <param name="venue">A venue id (<c>kraken</c>, <c>coinbase</c>, <c>okx</c>, <c>bybit</c>, <c>bitfinex</c>, <c>kucoin</c>, <c>binance</c>).</param>
    /// <returns>Distinct symbols, sorted ordinally; empty for an unknown venue.</returns>
    public IReadOnlyList<string> SymbolsOf(string venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        if (venue == "binance")
        {
            return SnapshotSymbols;
        }

        return [.. _frames.Where(f => f.VenueId == venue && f.Kind is SimulatedFrameKind.BookSnapshot or SimulatedFrameKind.BookDiff && f.Symbol is not null)
            .Select(f => f.Symbol!).Concat(_restSnapshots.SymbolsOf(venue)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The WebSocket URL a connector of <paramref name="venue"/> uses: <c>ws://127.0.0.1:&lt;port&gt;/{venue}</c>
    /// (Binance: <see cref="WebSocketBaseUri"/>, to which it appends its own paths).</summary>
    /// <param name="venue">A venue id.</param>
    /// <returns>The URL (venue routes have no trailing slash; the Binance base ends with <c>/</c>).</returns>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public Uri VenueWebSocketUri(string venue) =>
        venue == "binance" ? WebSocketBaseUri : new Uri(WebSocketBaseUri, "/" + venue);

    /// <summary>The REST base URL of <paramref name="venue"/>: <c>http://127.0.0.1:&lt;port&gt;/{venue}</c> (Binance:
    /// <see cref="BaseUri"/>). KuCoin serves <c>POST /api/v1/bullet-public</c> and its level2 snapshots under it.</summary>
    /// <param name="venue">A venue id.</param>
    /// <returns>The URL (venue routes have no trailing slash; the Binance base ends with <c>/</c>).</returns>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public Uri VenueRestUri(string venue) =>
        venue == "binance" ? BaseUri : new Uri(BaseUri, "/" + venue);

    /// <summary>One endpoint per venue with recorded traffic (<see cref="Venues"/>): URLs, the symbols this repo's
    /// connector can subscribe (Bybit v2-only symbols are left out) and the recorded book channel/depth.</summary>
    /// <returns>Endpoints sorted by venue id.</returns>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public IReadOnlyList<SimulatedVenueEndpoint> Endpoints() =>
        [.. _recordedVenues.Value.Select(v => new SimulatedVenueEndpoint(v.Venue, VenueWebSocketUri(v.Venue), VenueRestUri(v.Venue), v.Symbols)
        {
            BookChannel = v.Recorded.BookChannel,
            DepthLimit = v.Recorded.DepthLimit,
        })];

    /// <summary>
    /// Per venue with recorded traffic: the symbols a connector can subscribe and the recorded book channel/depth. Fixed by
    /// the capture, so worked out once: each call scanned every frame per symbol (≈ 0.1 s for ../shared/data), and
    /// <c>run --simulate</c> asks for the endpoints more than once before the silo starts.
    /// </summary>
    private IReadOnlyList<(string Venue, IReadOnlyList<string> Symbols, RecordedBookSettings Recorded)> DescribeVenues() =>
        [.. Venues.Select(v =>
        {
            var venue = _venueCapture.Venues.FirstOrDefault(x => x.Venue == v);
            var recorded = venue is null ? default : venue.DescribeRecording(FactsOf(venue));
            IReadOnlyList<string> symbols = venue is null ? SymbolsOf(v) : [.. SymbolsOf(v).Concat(TradedSymbolsOf(venue)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Where(s => ConnectorCanSubscribe(venue, s))];
            return (v, symbols, recorded);
        })];

    /// <summary>
    /// True when the symbol has a REST snapshot, or a book or trade frame on a channel the venue's connector subscribes
    /// (a trade-only capture still serves its trades, and so stats and candles; its books stay syncing).
    /// </summary>
    private bool ConnectorCanSubscribe(SimulatedVenue venue, string symbol) =>
        _restSnapshots.SymbolsOf(venue.Venue).Contains(symbol, StringComparer.Ordinal)
        || _frames.Any(f => f.Venue == venue && f.Symbol == symbol && f.Kind is SimulatedFrameKind.BookSnapshot or SimulatedFrameKind.BookDiff or SimulatedFrameKind.Trade
            && f.Key is not null && venue.IsConnectorChannel(SubscriptionKey.ChannelOf(f.Key)));

    private IEnumerable<string> TradedSymbolsOf(SimulatedVenue venue) =>
        _frames.Where(f => f.Venue == venue && f.Kind == SimulatedFrameKind.Trade && f.Symbol is not null).Select(f => f.Symbol!);

    private RecordingFacts FactsOf(SimulatedVenue venue) => new(
        _frames.Where(f => f.Venue == venue && f.Kind is SimulatedFrameKind.BookSnapshot or SimulatedFrameKind.BookDiff && f.Key is not null)
            .Select(f => SubscriptionKey.ChannelOf(f.Key!)).ToHashSet(StringComparer.Ordinal),
        _venueCapture.Acks[venue],
        _venueCapture.RestPaths.TryGetValue(venue, out var paths) ? paths : []);

    private static Dictionary<string, List<int>> IndexBookFrames(PlaybackFrame[] frames)
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var checksums = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < frames.Length; i++)
        {
            var frame = frames[i];
            if (frame.Venue is null || frame.Key is null || frame.Kind is not (SimulatedFrameKind.BookSnapshot or SimulatedFrameKind.BookDiff))
            {
                continue;
            }

            var key = frame.VenueId + VenueKeySeparator + frame.Key;
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(i);
            if (frame.Venue.TryReadChecksum(frame.Combined.Span, out var checksum))
            {
                // Unchanged, or unknown (Kraken snapshots carry none): the diff may lie below the checksummed depth.
                if (frame.Kind == SimulatedFrameKind.BookDiff && (!checksums.TryGetValue(key, out var previous) || previous == checksum))
                {
                    frames[i] = frame with { TouchesChecksum = false };
                }

                checksums[key] = checksum;
            }
        }

        return index;
    }

    private void MapVenues(WebApplication app)
    {
        foreach (var venue in _venueCapture.Venues)
        {
            var v = venue;
            app.Map("/" + v.Venue, (RequestDelegate)(ctx => HandleVenueWebSocketAsync(ctx, v)));

            // Connectors that append the venue's own path (e.g. /okx/ws/v5/public, /bybit/v5/public/linear) land here too;
            // literal REST routes (KuCoin) take precedence over this catch-all.
            app.Map("/" + v.Venue + "/{**path}", (RequestDelegate)(ctx => HandleVenueWebSocketAsync(ctx, v)));
        }

        MapKuCoinRest(app);
    }

    private async Task HandleVenueWebSocketAsync(HttpContext context, SimulatedVenue venue)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var id = Interlocked.Increment(ref _nextClientId);
        var connectId = context.Request.Query["connectId"].ToString();
        var client = new SimulatorClient(id, socket, StreamRoute.All, combined: false, _options.MaxSendQueue, [])
        {
            Venue = venue,
            Session = new SimulatedSession(id, connectId.Length > 0 ? connectId : null),
            Stalled = TakeStall(),
        };
        // The cast matters: a bare null converts to an empty ReadOnlyMemory (via byte[]), which venues without a recorded
        // greeting (OKX, Coinbase, Bybit) then sent as an empty frame that every client rejects as malformed.
        if (venue.Greeting(client.Session, _venueCapture.Greetings.TryGetValue(venue, out var greeting) ? greeting : (ReadOnlyMemory<byte>?)null) is { } hello)
        {
            Enqueue(client, hello);
        }

        AddClient(client);
        Log.ClientConnected(_logger, client.Id, context.Request.Path, 0);
        var sendLoop = client.SendLoopAsync(() => Interlocked.Increment(ref _framesSent), _stopping.Token);
        try
        {
            await ReceiveLoopAsync(client, _stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            RemoveClient(client);
            client.Complete();
            await sendLoop.ConfigureAwait(false);
            Log.ClientDisconnected(_logger, client.Id);
        }
    }

    /// <summary>Answers one client request; a new book subscription gets the snapshot and catch-up frames right after the ack.</summary>
    private void HandleVenueMessage(SimulatorClient client, ReadOnlySpan<byte> message)
    {
        var venue = client.Venue!;
        var session = client.Session!;
        SimulatedRequest request;
        try
        {
            request = venue.ReadRequest(message, session);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            // Bad client input is answered with the venue's error reply, never thrown out of the receive loop.
            request = SimulatedRequest.Invalid;
        }

        var subscribed = false;
        HashSet<string> after;
        lock (_playLock)
        {
            var before = client.Keys;
            after = new HashSet<string>(before, StringComparer.Ordinal);
            if (request.Kind == SimulatedRequestKind.Subscribe)
            {
                after.UnionWith(request.Keys);
            }
            else if (request.Kind == SimulatedRequestKind.Unsubscribe)
            {
                after.ExceptWith(request.Keys);
            }

            var context = new ReplyContext(_venueCapture.Acks[venue], after, _time.GetUtcNow().ToUnixTimeMilliseconds());
            foreach (var reply in venue.Replies(request, session, context))
            {
                Enqueue(client, reply);
            }

            if (request.Kind == SimulatedRequestKind.Subscribe)
            {
                foreach (var key in request.Keys.Distinct(StringComparer.Ordinal).Where(k => !before.Contains(k)))
                {
                    CatchUp(client, key);
                }

                subscribed = after.Count > 0;
            }

            client.Keys = after;
        }

        Log.VenueRequest(_logger, client.Id, venue.Venue, request.Kind, request.Keys.Count, after.Count);

        if (subscribed && StartsOnSubscription)
        {
            StartPlayback();
        }
    }

    /// <summary>Queues the key's latest played snapshot and every book frame played since (recorded bytes, not faults).</summary>
    private void CatchUp(SimulatorClient client, string key)
    {
        if (!_bookFrames.TryGetValue(client.Venue!.Venue + VenueKeySeparator + key, out var indices))
        {
            return;
        }

        var position = Volatile.Read(ref _position);
        var start = -1;
        for (var j = 0; j < indices.Count && indices[j] < position; j++)
        {
            if (_frames[indices[j]].Kind == SimulatedFrameKind.BookSnapshot)
            {
                start = j;
            }
        }

        if (start < 0)
        {
            return;
        }

        var batch = new List<ReadOnlyMemory<byte>>();
        for (var j = start; j < indices.Count && indices[j] < position; j++)
        {
            batch.Add(client.Venue.RewriteForClient(_frames[indices[j]].Combined, client.Session!));
        }

        if (!client.TryEnqueueBatch([.. batch]))
        {
            DisconnectSlow(client);
        }

        Interlocked.Increment(ref _catchUps);
    }

    private void PlayVenueFrame(PlaybackFrame frame)
    {
        if (frame.VenueId == KuCoinVenue && frame.Kind == SimulatedFrameKind.BookDiff && frame.Symbol is { } kucoinSymbol)
        {
            TrackKuCoinBook(kucoinSymbol, frame.Combined);
        }

        var payload = frame.Combined;
        if (frame.Kind == SimulatedFrameKind.BookDiff && frame.Symbol is { } symbol)
        {
            if (ShouldDrop(frame.VenueId, symbol))
            {
                Interlocked.Increment(ref _diffsDropped);
                foreach (var client in _clients)
                {
                    if (client.Venue == frame.Venue && frame.Key is not null && client.HasKey(frame.Key))
                    {
                        frame.Venue!.OnFrameWithheld(client.Session!);
                    }
                }

                return;
            }

            if (TryCorruptVenue(frame, symbol) is { } corrupted)
            {
                payload = corrupted;
            }
        }

        foreach (var client in _clients)
        {
            if (client.Venue != frame.Venue || !(frame.Key is null ? frame.Kind == SimulatedFrameKind.Heartbeat : client.HasKey(frame.Key)))
            {
                continue;
            }

            Enqueue(client, frame.Venue!.RewriteForClient(payload, client.Session!));
        }
    }
}
