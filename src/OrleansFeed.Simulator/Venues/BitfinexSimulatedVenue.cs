using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansFeed.Simulator.Venues;

/// <summary>
/// Bitfinex WebSocket v2 (docs.bitfinex.com "Public Channels", "Configuration"): <c>info</c> on connect;
/// <c>{"event":"conf","flags":65536}</c> (SEQ_ALL); <c>{"event":"subscribe","channel","symbol"}</c> → the recorded
/// <c>subscribed</c> event with its <c>chanId</c>; frames <c>[chanId,…,seq]</c>; <c>{"event":"unsubscribe","chanId"}</c>;
/// <c>{"event":"ping","cid"}</c> → <c>pong</c>.
/// </summary>
/// <remarks>The recording was made with SEQ_ALL, so every channel frame ends with a connection-wide sequence
/// number. A client sees only its subscriptions' frames, so <see cref="RewriteForClient"/> renumbers them 1, 2, 3…
/// per connection (or strips the number when the client did not ask for SEQ_ALL).</remarks>
internal sealed class BitfinexSimulatedVenue : SimulatedVenue
{
    /// <summary>The <c>conf</c> flag asking for a sequence number on every frame.</summary>
    public const long SequenceAllFlag = 65536;

    private readonly Dictionary<long, string> _channels = [];

    public override string Venue => "bitfinex";

    public override bool OwnsUrl(string url) => url.Contains("bitfinex.com", StringComparison.OrdinalIgnoreCase);

    public override IRecordedFrameClassifier CreateClassifier() => new Classifier(_channels);

    public override SimulatedRequest ReadRequest(ReadOnlySpan<byte> message, SimulatedSession session)
    {
        using var doc = TryParse(message);
        var root = doc?.RootElement ?? default;
        switch (doc is null ? null : StringOf(root, "event"))
        {
            case "ping":
                return new SimulatedRequest(SimulatedRequestKind.Ping, [], RawOf(root, "cid"));
            case "conf":
                session.Flags = root.TryGetProperty("flags", out var flags) && flags.ValueKind == JsonValueKind.Number && flags.TryGetInt64(out var value) ? value : 0;
                return new SimulatedRequest(SimulatedRequestKind.Other, [], session.Flags.ToString(CultureInfo.InvariantCulture));
            case "subscribe" when StringOf(root, "channel") is { } channel:
                var symbol = StringOf(root, "symbol") ?? (StringOf(root, "pair") is { } pair ? "t" + pair : null);
                return symbol is null ? SimulatedRequest.Invalid : new SimulatedRequest(SimulatedRequestKind.Subscribe, [SubscriptionKey.Create(channel, symbol)]);
            case "unsubscribe" when root.TryGetProperty("chanId", out var chanId) && chanId.ValueKind == JsonValueKind.Number && chanId.TryGetInt64(out var id):
                lock (_channels)
                {
                    return _channels.TryGetValue(id, out var key)
                        ? new SimulatedRequest(SimulatedRequestKind.Unsubscribe, [key], id.ToString(CultureInfo.InvariantCulture))
                        : new SimulatedRequest(SimulatedRequestKind.Invalid, [], id.ToString(CultureInfo.InvariantCulture));
                }

            default:
                return SimulatedRequest.Invalid;
        }
    }

    public override IEnumerable<byte[]> Replies(SimulatedRequest request, SimulatedSession session, ReplyContext context)
    {
        yield return request.Kind switch
        {
            SimulatedRequestKind.Ping => Json(j =>
            {
                j.WriteStartObject();
                j.WriteString("event", "pong");
                j.WriteNumber("ts", context.NowMilliseconds);
                if (request.Id is not null)
                {
                    j.WritePropertyName("cid");
                    j.WriteRawValue(request.Id);
                }

                j.WriteEndObject();
            }),
            SimulatedRequestKind.Other => Encoding.UTF8.GetBytes($"{{\"event\":\"conf\",\"status\":\"OK\",\"flags\":{request.Id}}}"),
            SimulatedRequestKind.Subscribe => RecordedOr(context, request.Keys[0], () => Json(j =>
            {
                j.WriteStartObject();
                j.WriteString("event", "subscribed");
                j.WriteString("channel", SubscriptionKey.ChannelOf(request.Keys[0]));
                j.WriteNumber("chanId", 0);
                j.WriteString("symbol", SubscriptionKey.SymbolOf(request.Keys[0]));
                j.WriteEndObject();
            })),
            SimulatedRequestKind.Unsubscribe => Encoding.UTF8.GetBytes($"{{\"event\":\"unsubscribed\",\"status\":\"OK\",\"chanId\":{request.Id}}}"),
            _ => Encoding.UTF8.GetBytes("{\"event\":\"error\",\"msg\":\"invalid request\",\"code\":10300}"),
        };
    }

    public override ReadOnlyMemory<byte> RewriteForClient(ReadOnlyMemory<byte> frame, SimulatedSession session)
    {
        var span = frame.Span;
        if (span.Length < 3 || span[0] != (byte)'[' || span[^1] != (byte)']')
        {
            return frame;
        }

        var comma = span.LastIndexOf((byte)',');
        if (comma < 0 || !IsDigits(span[(comma + 1)..^1]))
        {
            return frame;
        }

        if ((session.Flags & SequenceAllFlag) == 0)
        {
            return (byte[])[.. span[..comma], (byte)']'];
        }

        var sequence = ++session.Sequence;
        return (byte[])[.. span[..(comma + 1)], .. Encoding.ASCII.GetBytes(sequence.ToString(CultureInfo.InvariantCulture)), (byte)']'];
    }

    public override void OnFrameWithheld(SimulatedSession session)
    {
        if ((session.Flags & SequenceAllFlag) != 0)
        {
            session.Sequence++;
        }
    }

    /// <summary>The recorded book <c>len</c> of a book ack.</summary>
    public override RecordedBookSettings DescribeRecording(RecordingFacts facts)
    {
        foreach (var (key, ack) in facts.Acks)
        {
            if (SubscriptionKey.ChannelOf(key) != "book")
            {
                continue;
            }

            using var doc = TryParse(ack.Span);
            if (doc is not null && StringOf(doc.RootElement, "len") is { } len && int.TryParse(len, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                return new RecordedBookSettings(DepthLimit: n);
            }
        }

        return default;
    }

    public override bool TryLocateSizeDigit(ReadOnlySpan<byte> frame, out int index)
    {
        // [chanId,[price,count,amount],seq]: count 0 deletes the level and amount then only names the side.
        index = -1;
        try
        {
            var reader = new Utf8JsonReader(frame);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            var values = new List<(int Start, int Length, string Text)>();
            while (reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                var (start, length) = JsonLevelScan.ValueRange(reader);
                values.Add((start, length, Encoding.UTF8.GetString(reader.ValueSpan)));
            }

            if (values.Count != 3 || values[1].Text == "0")
            {
                return false;
            }

            index = JsonLevelScan.LastDigit(frame, values[2].Start, values[2].Length);
            return index >= 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsDigits(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    private sealed class Classifier(Dictionary<long, string> channels) : IRecordedFrameClassifier
    {
        public SimulatedFrameInfo Classify(ReadOnlySpan<byte> frame)
        {
            using var doc = TryParse(frame);
            if (doc is null)
            {
                return SimulatedFrameInfo.Control;
            }

            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                switch (StringOf(root, "event"))
                {
                    case "info":
                        return new SimulatedFrameInfo(SimulatedFrameKind.Greeting);
                    case "subscribed" when StringOf(root, "channel") is { } channel && StringOf(root, "symbol") is { } symbol
                        && root.TryGetProperty("chanId", out var chanId) && chanId.ValueKind == JsonValueKind.Number && chanId.TryGetInt64(out var id):
                        lock (channels)
                        {
                            channels[id] = SubscriptionKey.Create(channel, symbol);
                        }

                        return new SimulatedFrameInfo(SimulatedFrameKind.Ack, channel, symbol);
                    default:
                        return SimulatedFrameInfo.Control;
                }
            }

            string? key;
            lock (channels)
            {
                if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 2 || root[0].ValueKind != JsonValueKind.Number || !root[0].TryGetInt64(out var id) || !channels.TryGetValue(id, out key))
                {
                    return SimulatedFrameInfo.Control;
                }
            }

            var name = SubscriptionKey.ChannelOf(key);
            var sym = SubscriptionKey.SymbolOf(key);
            var body = root[1];
            if (body.ValueKind == JsonValueKind.String)
            {
                return new SimulatedFrameInfo(body.GetString() == "hb" ? SimulatedFrameKind.Heartbeat : name == "trades" ? SimulatedFrameKind.Trade : SimulatedFrameKind.Other, name, sym);
            }

            if (name == "book" && body.ValueKind == JsonValueKind.Array)
            {
                var snapshot = body.GetArrayLength() == 0 || body[0].ValueKind == JsonValueKind.Array;
                return new SimulatedFrameInfo(snapshot ? SimulatedFrameKind.BookSnapshot : SimulatedFrameKind.BookDiff, name, sym);
            }

            return new SimulatedFrameInfo(name == "trades" ? SimulatedFrameKind.Trade : SimulatedFrameKind.Other, name, sym);
        }
    }
}
