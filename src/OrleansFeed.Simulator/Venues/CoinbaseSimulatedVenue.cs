using System.Text.Json;

namespace OrleansFeed.Simulator.Venues;

/// <summary>
/// Coinbase Exchange (ex-Pro) feed as recorded in 2021: <c>{"type":"subscribe","product_ids":[…],"channels":[…]}</c>,
/// replies <c>{"type":"subscriptions","channels":[{"name","product_ids"}]}</c> listing the client's channels; book
/// frames <c>snapshot</c>/<c>l2update</c> on <c>level2</c> (<c>level2_batch</c> is served the same frames), trades
/// <c>match</c>/<c>last_match</c> on <c>matches</c>, <c>ticker</c>, <c>heartbeat</c>. No checksum, no book sequence.
/// </summary>
internal sealed class CoinbaseSimulatedVenue : SimulatedVenue
{
    public override string Venue => "coinbase";

    public override bool OwnsUrl(string url) => url.Contains("coinbase.com", StringComparison.OrdinalIgnoreCase);

    public override IRecordedFrameClassifier CreateClassifier() => new Classifier();

    public override SimulatedRequest ReadRequest(ReadOnlySpan<byte> message, SimulatedSession session)
    {
        using var doc = TryParse(message);
        if (doc is null || StringOf(doc.RootElement, "type") is not ("subscribe" or "unsubscribe") || !doc.RootElement.TryGetProperty("channels", out var channels)
            || channels.ValueKind != JsonValueKind.Array)
        {
            return SimulatedRequest.Invalid;
        }

        var root = doc.RootElement;
        var products = Products(root);
        var keys = new List<string>();
        foreach (var channel in channels.EnumerateArray())
        {
            var name = channel.ValueKind == JsonValueKind.String ? channel.GetString() : StringOf(channel, "name");
            if (name is null)
            {
                continue;
            }

            var own = channel.ValueKind == JsonValueKind.Object ? Products(channel) : [];
            keys.AddRange((own.Count > 0 ? own : products).Select(p => SubscriptionKey.Create(Normalise(name), p)));
        }

        return new SimulatedRequest(StringOf(root, "type") == "subscribe" ? SimulatedRequestKind.Subscribe : SimulatedRequestKind.Unsubscribe, keys);
    }

    public override IEnumerable<byte[]> Replies(SimulatedRequest request, SimulatedSession session, ReplyContext context)
    {
        if (request.Kind == SimulatedRequestKind.Invalid)
        {
            yield return Json(j =>
            {
                j.WriteStartObject();
                j.WriteString("type", "error");
                j.WriteString("message", "Failed to subscribe");
                j.WriteString("reason", "malformed subscribe message");
                j.WriteEndObject();
            });
            yield break;
        }

        yield return Json(j =>
        {
            j.WriteStartObject();
            j.WriteString("type", "subscriptions");
            j.WriteStartArray("channels");
            foreach (var channel in context.KeysAfter.GroupBy(SubscriptionKey.ChannelOf).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                j.WriteStartObject();
                j.WriteString("name", channel.Key);
                j.WriteStartArray("product_ids");
                foreach (var key in channel)
                {
                    j.WriteStringValue(SubscriptionKey.SymbolOf(key));
                }

                j.WriteEndArray();
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteEndObject();
        });
    }

    public override bool TryLocateSizeDigit(ReadOnlySpan<byte> frame, out int index)
    {
        var levels = JsonLevelScan.Find(frame, ["changes"], [], priceIndex: 1, sizeIndex: 2, sideIndex: 0);
        index = levels.Count > 0 ? JsonLevelScan.LastDigit(frame, levels[0].SizeStart, levels[0].SizeLength) : -1;
        return index >= 0;
    }

    private static string Normalise(string channel) => channel == "level2_batch" ? "level2" : channel;

    private static List<string> Products(JsonElement element) =>
        element.TryGetProperty("product_ids", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList()
            : [];

    private sealed class Classifier : IRecordedFrameClassifier
    {
        public SimulatedFrameInfo Classify(ReadOnlySpan<byte> frame)
        {
            using var doc = TryParse(frame);
            if (doc is null || StringOf(doc.RootElement, "product_id") is not { } product)
            {
                return SimulatedFrameInfo.Control;
            }

            return StringOf(doc.RootElement, "type") switch
            {
                "snapshot" => new SimulatedFrameInfo(SimulatedFrameKind.BookSnapshot, "level2", product),
                "l2update" => new SimulatedFrameInfo(SimulatedFrameKind.BookDiff, "level2", product),
                "match" or "last_match" => new SimulatedFrameInfo(SimulatedFrameKind.Trade, "matches", product),
                "ticker" => new SimulatedFrameInfo(SimulatedFrameKind.Other, "ticker", product),
                "heartbeat" => new SimulatedFrameInfo(SimulatedFrameKind.Heartbeat, "heartbeat", product),
                _ => SimulatedFrameInfo.Control,
            };
        }
    }
}
