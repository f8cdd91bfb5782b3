using System.Text.Json;

namespace OrleansFeed.Simulator.Venues;

/// <summary>
/// KuCoin spot public WebSocket (shared/docs/exchange-protocols.md §3): <c>welcome</c> on connect with the client's
/// <c>connectId</c>; <c>{"id","type":"subscribe","topic":"/market/level2:A,B"}</c> → <c>{"id","type":"ack"}</c>;
/// <c>{"id","type":"ping"}</c> → <c>{"id","type":"pong"}</c>. Book sync uses REST snapshots, so there is no in-stream
/// snapshot and no catch-up: the simulator serves the recorded REST level2 snapshots under <c>/kucoin</c>.
/// </summary>
internal sealed class KuCoinSimulatedVenue : SimulatedVenue
{
    public override string Venue => "kucoin";

    public override bool OwnsUrl(string url) => url.Contains("kucoin.com", StringComparison.OrdinalIgnoreCase);

    public override IRecordedFrameClassifier CreateClassifier() => new Classifier();

    public override byte[]? Greeting(SimulatedSession session, ReadOnlyMemory<byte>? recorded) => Json(j =>
    {
        j.WriteStartObject();
        j.WriteString("id", session.ConnectId ?? "simulator-" + session.Id);
        j.WriteString("type", "welcome");
        j.WriteEndObject();
    });

    public override SimulatedRequest ReadRequest(ReadOnlySpan<byte> message, SimulatedSession session)
    {
        using var doc = TryParse(message);
        if (doc is null)
        {
            return SimulatedRequest.Invalid;
        }

        var root = doc.RootElement;
        var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var idElement)
            ? idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : idElement.GetRawText()
            : null;
        var type = StringOf(root, "type");
        if (type == "ping")
        {
            return new SimulatedRequest(SimulatedRequestKind.Ping, [], id);
        }

        var topic = StringOf(root, "topic") ?? string.Empty;
        var colon = topic.IndexOf(':', StringComparison.Ordinal);
        if (type is not ("subscribe" or "unsubscribe") || colon <= 0)
        {
            return new SimulatedRequest(SimulatedRequestKind.Invalid, [], id);
        }

        var channel = topic[..colon];
        var keys = topic[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => SubscriptionKey.Create(channel, s)).ToArray();
        return new SimulatedRequest(type == "subscribe" ? SimulatedRequestKind.Subscribe : SimulatedRequestKind.Unsubscribe, keys, id);
    }

    public override IEnumerable<byte[]> Replies(SimulatedRequest request, SimulatedSession session, ReplyContext context)
    {
        yield return Json(j =>
        {
            j.WriteStartObject();
            j.WriteString("id", request.Id ?? string.Empty);
            switch (request.Kind)
            {
                case SimulatedRequestKind.Ping:
                    j.WriteString("type", "pong");
                    j.WriteNumber("timestamp", context.NowMilliseconds * 1000);
                    break;
                case SimulatedRequestKind.Subscribe or SimulatedRequestKind.Unsubscribe:
                    j.WriteString("type", "ack");
                    break;
                default:
                    j.WriteString("type", "error");
                    j.WriteNumber("code", 400);
                    j.WriteString("data", "invalid request");
                    break;
            }

            j.WriteEndObject();
        });
    }

    /// <summary>The recorded REST snapshot: <c>level2_20</c> → 20, <c>level2_100</c> → 100, the full <c>level2</c> → 0.</summary>
    public override RecordedBookSettings DescribeRecording(RecordingFacts facts) =>
        facts.RestPaths.Count == 0 ? default
        : facts.RestPaths.Any(p => p.EndsWith("/level2", StringComparison.Ordinal)) ? new RecordedBookSettings(DepthLimit: 0)
        : new RecordedBookSettings(DepthLimit: facts.RestPaths.Any(p => p.EndsWith("level2_100", StringComparison.Ordinal)) ? 100 : 20);

    public override bool TryLocateSizeDigit(ReadOnlySpan<byte> frame, out int index)
    {
        // Price "0" entries only advance the sequence: changing their size would corrupt nothing.
        var level = JsonLevelScan.Find(frame, ["asks"], ["bids"], priceIndex: 0, sizeIndex: 1).FirstOrDefault(l => l.Price != 0);
        index = level.PriceText is null ? -1 : JsonLevelScan.LastDigit(frame, level.SizeStart, level.SizeLength);
        return index >= 0;
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
            if (StringOf(root, "type") == "welcome")
            {
                return new SimulatedFrameInfo(SimulatedFrameKind.Greeting);
            }

            var topic = StringOf(root, "topic") ?? string.Empty;
            var colon = topic.IndexOf(':', StringComparison.Ordinal);
            if (StringOf(root, "type") != "message" || colon <= 0)
            {
                return SimulatedFrameInfo.Control;
            }

            var channel = topic[..colon];
            var symbol = topic[(colon + 1)..];
            var kind = channel switch
            {
                "/market/level2" => SimulatedFrameKind.BookDiff,
                "/market/match" => SimulatedFrameKind.Trade,
                _ => SimulatedFrameKind.Other,
            };
            return new SimulatedFrameInfo(kind, channel, symbol);
        }
    }
}
