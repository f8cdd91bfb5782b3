using System.Text.Json;

namespace OrleansFeed.Simulator.Venues;

/// <summary>
/// OKX v5 public WebSocket (shared/docs/exchange-protocols.md §6): <c>{"op":"subscribe","args":[{"channel","instId"}]}</c>
/// → the recorded <c>{"event":"subscribe","arg":{…}}</c> per argument; book frames
/// <c>{"arg":{…},"action":"snapshot"|"update","data":[{…,"checksum"}]}</c>; the literal text <c>ping</c> → <c>pong</c>.
/// </summary>
internal sealed class OkxSimulatedVenue : SimulatedVenue
{
    private static readonly string[] Asks = ["asks"];
    private static readonly string[] Bids = ["bids"];

    public override string Venue => "okx";

    public override bool OwnsUrl(string url) =>
        url.Contains("okx.com", StringComparison.OrdinalIgnoreCase) || url.Contains("okex.com", StringComparison.OrdinalIgnoreCase);

    public override IRecordedFrameClassifier CreateClassifier() => new Classifier();

    public override SimulatedRequest ReadRequest(ReadOnlySpan<byte> message, SimulatedSession session)
    {
        if (IsLiteral(message, "ping"))
        {
            return new SimulatedRequest(SimulatedRequestKind.Ping, []);
        }

        using var doc = TryParse(message);
        var op = doc is null ? null : StringOf(doc.RootElement, "op");
        if (op is not ("subscribe" or "unsubscribe") || !doc!.RootElement.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array)
        {
            return SimulatedRequest.Invalid;
        }

        var keys = args.EnumerateArray()
            .Where(a => StringOf(a, "channel") is not null && StringOf(a, "instId") is not null)
            .Select(a => SubscriptionKey.Create(StringOf(a, "channel")!, StringOf(a, "instId")!))
            .ToArray();
        return new SimulatedRequest(op == "subscribe" ? SimulatedRequestKind.Subscribe : SimulatedRequestKind.Unsubscribe, keys, RawOf(doc.RootElement, "id"));
    }

    public override IEnumerable<byte[]> Replies(SimulatedRequest request, SimulatedSession session, ReplyContext context)
    {
        switch (request.Kind)
        {
            case SimulatedRequestKind.Ping:
                yield return "pong"u8.ToArray();
                break;
            case SimulatedRequestKind.Subscribe:
                foreach (var key in request.Keys)
                {
                    yield return RecordedOr(context, key, () => Event("subscribe", key, request.Id));
                }

                break;
            case SimulatedRequestKind.Unsubscribe:
                foreach (var key in request.Keys)
                {
                    yield return Event("unsubscribe", key, request.Id);
                }

                break;
            default:
                yield return Json(j =>
                {
                    j.WriteStartObject();
                    j.WriteString("event", "error");
                    j.WriteString("code", "60012");
                    j.WriteString("msg", "Invalid request");
                    j.WriteEndObject();
                });
                break;
        }
    }

    public override bool TryReadChecksum(ReadOnlySpan<byte> frame, out long checksum) => JsonLevelScan.TryReadLong(frame, "checksum", out checksum);

    /// <summary>The recorded book channel (<c>books</c>, <c>books-l2-tbt</c> or <c>books50-l2-tbt</c>).</summary>
    public override RecordedBookSettings DescribeRecording(RecordingFacts facts) =>
        new(facts.BookChannels.Where(c => c is "books" or "books-l2-tbt" or "books50-l2-tbt").Order(StringComparer.Ordinal).FirstOrDefault());

    public override bool TryLocateSizeDigit(ReadOnlySpan<byte> frame, out int index)
    {
        // The checksum covers the top 25 levels per side: corrupt the diff's best level.
        var best = JsonLevelScan.Best(JsonLevelScan.Find(frame, Asks, Bids, priceIndex: 0, sizeIndex: 1));
        index = best is { } level ? JsonLevelScan.LastDigit(frame, level.SizeStart, level.SizeLength) : -1;
        return index >= 0;
    }

    private static byte[] Event(string name, string key, string? id) => Json(j =>
    {
        j.WriteStartObject();
        if (id is not null)
        {
            j.WritePropertyName("id");
            j.WriteRawValue(id);
        }

        j.WriteString("event", name);
        j.WriteStartObject("arg");
        j.WriteString("channel", SubscriptionKey.ChannelOf(key));
        j.WriteString("instId", SubscriptionKey.SymbolOf(key));
        j.WriteEndObject();
        j.WriteEndObject();
    });

    private sealed class Classifier : IRecordedFrameClassifier
    {
        public SimulatedFrameInfo Classify(ReadOnlySpan<byte> frame)
        {
            using var doc = TryParse(frame);
            if (doc is null || !doc.RootElement.TryGetProperty("arg", out var arg) || StringOf(arg, "channel") is not { } channel || StringOf(arg, "instId") is not { } symbol)
            {
                return SimulatedFrameInfo.Control;
            }

            var root = doc.RootElement;
            if (StringOf(root, "event") is { } evt)
            {
                return evt == "subscribe" ? new SimulatedFrameInfo(SimulatedFrameKind.Ack, channel, symbol) : SimulatedFrameInfo.Control;
            }

            var kind = StringOf(root, "action") switch
            {
                "snapshot" when channel.StartsWith("books", StringComparison.Ordinal) => SimulatedFrameKind.BookSnapshot,
                "update" when channel.StartsWith("books", StringComparison.Ordinal) => SimulatedFrameKind.BookDiff,
                _ when channel.StartsWith("trades", StringComparison.Ordinal) => SimulatedFrameKind.Trade,
                _ => SimulatedFrameKind.Other,
            };
            return new SimulatedFrameInfo(kind, channel, symbol);
        }
    }
}
