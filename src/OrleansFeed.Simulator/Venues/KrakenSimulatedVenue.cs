using System.Text;
using System.Text.Json;

namespace OrleansFeed.Simulator.Venues;

/// <summary>
/// Kraken spot WebSocket v1 (shared/docs/exchange-protocols.md §4 "v1 differences"): array frames
/// <c>[channelID,{…},"book-1000","XBT/USD"]</c>, <c>subscriptionStatus</c> acks carrying the channel id, the
/// CRC32 <c>c</c> checksum, <c>{"event":"ping","reqid":n}</c> → <c>{"event":"pong","reqid":n}</c>.
/// Channels are keyed by subscription name (<c>book-1000</c> → <c>book</c>).
/// </summary>
internal sealed class KrakenSimulatedVenue : SimulatedVenue
{
    private static readonly string[] Asks = ["a"];
    private static readonly string[] Bids = ["b"];

    public override string Venue => "kraken";

    public override bool OwnsUrl(string url) => url.Contains("kraken.com", StringComparison.OrdinalIgnoreCase);

    public override IRecordedFrameClassifier CreateClassifier() => new Classifier();

    public override SimulatedRequest ReadRequest(ReadOnlySpan<byte> message, SimulatedSession session)
    {
        using var doc = TryParse(message);
        if (doc is null || StringOf(doc.RootElement, "event") is not { } evt)
        {
            return SimulatedRequest.Invalid;
        }

        var root = doc.RootElement;
        var id = RawOf(root, "reqid");
        if (evt == "ping")
        {
            return new SimulatedRequest(SimulatedRequestKind.Ping, [], id);
        }

        if (evt is not ("subscribe" or "unsubscribe") || !root.TryGetProperty("subscription", out var subscription)
            || StringOf(subscription, "name") is not { } name || !root.TryGetProperty("pair", out var pairs) || pairs.ValueKind != JsonValueKind.Array)
        {
            return new SimulatedRequest(SimulatedRequestKind.Invalid, [], id);
        }

        var keys = pairs.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => SubscriptionKey.Create(name, p.GetString()!)).ToArray();
        return new SimulatedRequest(evt == "subscribe" ? SimulatedRequestKind.Subscribe : SimulatedRequestKind.Unsubscribe, keys, id);
    }

    public override IEnumerable<byte[]> Replies(SimulatedRequest request, SimulatedSession session, ReplyContext context)
    {
        switch (request.Kind)
        {
            case SimulatedRequestKind.Ping:
                yield return Json(j =>
                {
                    j.WriteStartObject();
                    j.WriteString("event", "pong");
                    if (request.Id is not null)
                    {
                        j.WritePropertyName("reqid");
                        j.WriteRawValue(request.Id);
                    }

                    j.WriteEndObject();
                });
                break;
            case SimulatedRequestKind.Subscribe or SimulatedRequestKind.Unsubscribe:
                var status = request.Kind == SimulatedRequestKind.Subscribe ? "subscribed" : "unsubscribed";
                foreach (var key in request.Keys)
                {
                    var ack = RecordedOr(context, key, () => Ack(key, "subscribed"));
                    yield return status == "subscribed" ? ack : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(ack).Replace("\"status\":\"subscribed\"", "\"status\":\"unsubscribed\"", StringComparison.Ordinal));
                }

                break;
            default:
                yield return Json(j =>
                {
                    j.WriteStartObject();
                    j.WriteString("event", "error");
                    j.WriteString("errorMessage", "Malformed request");
                    j.WriteEndObject();
                });
                break;
        }
    }

    public override bool TryReadChecksum(ReadOnlySpan<byte> frame, out long checksum) => JsonLevelScan.TryReadLong(frame, "c", out checksum);

    public override bool TryLocateSizeDigit(ReadOnlySpan<byte> frame, out int index)
    {
        // Kraken's checksum covers the top 10 levels: the diff's best level is the one most likely inside them.
        var best = JsonLevelScan.Best(JsonLevelScan.Find(frame, Asks, Bids, priceIndex: 0, sizeIndex: 1));
        index = best is { } level ? JsonLevelScan.LastDigit(frame, level.SizeStart, level.SizeLength) : -1;
        return index >= 0;
    }

    private static byte[] Ack(string key, string status) => Json(j =>
    {
        j.WriteStartObject();
        j.WriteString("channelName", SubscriptionKey.ChannelOf(key));
        j.WriteString("event", "subscriptionStatus");
        j.WriteString("pair", SubscriptionKey.SymbolOf(key));
        j.WriteString("status", status);
        j.WriteStartObject("subscription");
        j.WriteString("name", SubscriptionKey.ChannelOf(key));
        j.WriteEndObject();
        j.WriteEndObject();
    });

    /// <summary>The recorded book depth: <c>subscription.depth</c> of a book ack, else the <c>N</c> of <c>book-N</c> frames' acks.</summary>
    public override RecordedBookSettings DescribeRecording(RecordingFacts facts)
    {
        foreach (var (key, ack) in facts.Acks)
        {
            if (SubscriptionKey.ChannelOf(key) != "book")
            {
                continue;
            }

            using var doc = TryParse(ack.Span);
            if (doc is not null && doc.RootElement.TryGetProperty("subscription", out var subscription)
                && subscription.ValueKind == JsonValueKind.Object && subscription.TryGetProperty("depth", out var depth) && depth.TryGetInt32(out var n))
            {
                return new RecordedBookSettings(DepthLimit: n);
            }
        }

        return default;
    }

    /// <summary><c>book-1000</c> → <c>book</c>: clients subscribe by name, the depth is a parameter.</summary>
    private static string ChannelName(string channelName)
    {
        var dash = channelName.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? channelName : channelName[..dash];
    }

    private sealed class Classifier : IRecordedFrameClassifier
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
                return StringOf(root, "event") switch
                {
                    "heartbeat" => new SimulatedFrameInfo(SimulatedFrameKind.Heartbeat),
                    "systemStatus" => new SimulatedFrameInfo(SimulatedFrameKind.Greeting),
                    "subscriptionStatus" when StringOf(root, "status") == "subscribed" && StringOf(root, "channelName") is { } channel && StringOf(root, "pair") is { } pair =>
                        new SimulatedFrameInfo(SimulatedFrameKind.Ack, ChannelName(channel), pair),
                    _ => SimulatedFrameInfo.Control,
                };
            }

            var length = root.ValueKind == JsonValueKind.Array ? root.GetArrayLength() : 0;
            if (length < 4 || root[length - 1].ValueKind != JsonValueKind.String || root[length - 2].ValueKind != JsonValueKind.String)
            {
                return SimulatedFrameInfo.Control;
            }

            var symbol = root[length - 1].GetString()!;
            var name = ChannelName(root[length - 2].GetString()!);
            if (name == "book")
            {
                var snapshot = root[1].ValueKind == JsonValueKind.Object && (root[1].TryGetProperty("as", out _) || root[1].TryGetProperty("bs", out _));
                return new SimulatedFrameInfo(snapshot ? SimulatedFrameKind.BookSnapshot : SimulatedFrameKind.BookDiff, name, symbol);
            }

            return new SimulatedFrameInfo(name == "trade" ? SimulatedFrameKind.Trade : SimulatedFrameKind.Other, name, symbol);
        }
    }
}
