using System.Text.Json;

namespace OrleansFeed.Simulator.Venues;

/// <summary>
/// Bybit public WebSocket, v5 and the retired v2 <c>realtime_public</c> (shared/docs/exchange-protocols.md §7):
/// <c>{"op":"subscribe","args":["orderbook.50.BTCUSDT"]}</c> → <c>{"success":true,…,"op":"subscribe"}</c>; frames
/// <c>{"topic":"&lt;channel&gt;.&lt;symbol&gt;","type":"snapshot"|"delta",…}</c>; <c>{"op":"ping"}</c> →
/// <c>{"success":true,"ret_msg":"pong",…,"op":"ping"}</c>.
/// </summary>
internal sealed class BybitSimulatedVenue : SimulatedVenue
{
    public override string Venue => "bybit";

    public override bool OwnsUrl(string url) => url.Contains("bybit.", StringComparison.OrdinalIgnoreCase);

    public override IRecordedFrameClassifier CreateClassifier() => new Classifier();

    public override SimulatedRequest ReadRequest(ReadOnlySpan<byte> message, SimulatedSession session)
    {
        using var doc = TryParse(message);
        var op = doc is null ? null : StringOf(doc.RootElement, "op");
        var id = doc is null ? null : RawOf(doc.RootElement, "req_id");
        if (op == "ping")
        {
            return new SimulatedRequest(SimulatedRequestKind.Ping, [], id);
        }

        if (op is not ("subscribe" or "unsubscribe") || !doc!.RootElement.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array)
        {
            return new SimulatedRequest(SimulatedRequestKind.Invalid, [], id);
        }

        var keys = args.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => TopicKey(a.GetString()!)).OfType<string>().ToArray();
        return new SimulatedRequest(op == "subscribe" ? SimulatedRequestKind.Subscribe : SimulatedRequestKind.Unsubscribe, keys, id);
    }

    public override IEnumerable<byte[]> Replies(SimulatedRequest request, SimulatedSession session, ReplyContext context)
    {
        var op = request.Kind switch
        {
            SimulatedRequestKind.Ping => "ping",
            SimulatedRequestKind.Subscribe => "subscribe",
            SimulatedRequestKind.Unsubscribe => "unsubscribe",
            _ => null,
        };
        yield return Json(j =>
        {
            j.WriteStartObject();
            j.WriteBoolean("success", op is not null);
            j.WriteString("ret_msg", op == "ping" ? "pong" : op is null ? "invalid request" : string.Empty);
            j.WriteString("conn_id", "simulator-" + session.Id);
            j.WritePropertyName("req_id");
            if (request.Id is null)
            {
                j.WriteStringValue(string.Empty);
            }
            else
            {
                j.WriteRawValue(request.Id);
            }

            j.WriteString("op", op ?? "unknown");
            j.WriteEndObject();
        });
    }

    /// <summary>The v5 connector subscribes <c>orderbook.N</c> only; v2 topics are served to clients that ask for them.</summary>
    public override bool IsConnectorChannel(string channel) => channel.StartsWith("orderbook.", StringComparison.Ordinal);

    /// <summary>The <c>N</c> of a recorded v5 <c>orderbook.N</c>; none for the v2 <c>orderBookL2_25</c> (a v5 connector cannot subscribe it).</summary>
    public override RecordedBookSettings DescribeRecording(RecordingFacts facts)
    {
        foreach (var channel in facts.BookChannels.Order(StringComparer.Ordinal))
        {
            if (channel.StartsWith("orderbook.", StringComparison.Ordinal) && int.TryParse(channel.AsSpan("orderbook.".Length), System.Globalization.CultureInfo.InvariantCulture, out var depth))
            {
                return new RecordedBookSettings(DepthLimit: depth);
            }
        }

        return default;
    }

    public override bool TryLocateSizeDigit(ReadOnlySpan<byte> frame, out int index)
    {
        // v5 deltas: "b"/"a" level arrays; v2 deltas: objects with a "size" in "update"/"insert" (deletes have none).
        var levels = JsonLevelScan.Find(frame, ["a"], ["b"], priceIndex: 0, sizeIndex: 1);
        if (levels.Count > 0)
        {
            index = JsonLevelScan.LastDigit(frame, levels[0].SizeStart, levels[0].SizeLength);
            return index >= 0;
        }

        index = -1;
        try
        {
            var reader = new Utf8JsonReader(frame);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("size"u8) && reader.Read()
                    && reader.TokenType is JsonTokenType.Number or JsonTokenType.String)
                {
                    var (start, length) = JsonLevelScan.ValueRange(reader);
                    index = JsonLevelScan.LastDigit(frame, start, length);
                    return index >= 0;
                }
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    /// <summary><c>orderbook.1.BTCUSDT</c> → key (<c>orderbook.1</c>, <c>BTCUSDT</c>).</summary>
    private static string? TopicKey(string topic)
    {
        var dot = topic.LastIndexOf('.');
        return dot <= 0 || dot == topic.Length - 1 ? null : SubscriptionKey.Create(topic[..dot], topic[(dot + 1)..]);
    }

    private sealed class Classifier : IRecordedFrameClassifier
    {
        public SimulatedFrameInfo Classify(ReadOnlySpan<byte> frame)
        {
            using var doc = TryParse(frame);
            if (doc is null || StringOf(doc.RootElement, "topic") is not { } topic || TopicKey(topic) is not { } key)
            {
                return SimulatedFrameInfo.Control;
            }

            var channel = SubscriptionKey.ChannelOf(key);
            var symbol = SubscriptionKey.SymbolOf(key);
            if (channel.StartsWith("orderbook", StringComparison.OrdinalIgnoreCase))
            {
                return StringOf(doc.RootElement, "type") switch
                {
                    "snapshot" => new SimulatedFrameInfo(SimulatedFrameKind.BookSnapshot, channel, symbol),
                    "delta" => new SimulatedFrameInfo(SimulatedFrameKind.BookDiff, channel, symbol),
                    _ => new SimulatedFrameInfo(SimulatedFrameKind.Other, channel, symbol),
                };
            }

            var trade = channel is "trade" or "publicTrade";
            return new SimulatedFrameInfo(trade ? SimulatedFrameKind.Trade : SimulatedFrameKind.Other, channel, symbol);
        }
    }
}
