using OrleansFeed.Core.Quotes;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Trades;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Client.Internal;

/// <summary>Decodes request/reply payloads (docs/nats-bridge.md) into the grain interface's types.</summary>
internal static class WireReader
{
    /// <summary>Throws <see cref="OrleansFeedRemoteException"/> when the reply is an error object.</summary>
    public static void ThrowIfError(JsonElement root, string subject)
    {
        if (root.TryGetProperty("type", out var type) && type.ValueEquals("error"))
        {
            throw new OrleansFeedRemoteException(subject, root.GetProperty("code").GetInt32(), root.GetProperty("message").GetString() ?? string.Empty);
        }
    }

    public static BookSnapshot Snapshot(JsonElement s)
    {
        var c = s.GetProperty("counters");
        return new BookSnapshot(
            s.GetProperty("venue").GetString()!,
            s.GetProperty("symbol").GetString()!,
            s.GetProperty("instrument").GetString()!,
            BookSyncStateText.FromWire(s.GetProperty("syncState").GetString()),
            s.GetProperty("epoch").GetInt64(),
            s.GetProperty("sequence").GetInt64(),
            UpdateIds.Read(s.GetProperty("lastUpdateId")),
            WireValues.Time(s, "exchangeTime"),
            WireValues.Time(s, "receiveTime"),
            WireValues.Levels(s.GetProperty("bids")),
            WireValues.Levels(s.GetProperty("asks")),
            new BookCounters(
                c.GetProperty("messages").GetInt64(),
                c.GetProperty("applied").GetInt64(),
                c.GetProperty("gaps").GetInt64(),
                c.GetProperty("resyncs").GetInt64(),
                c.GetProperty("snapshotsLoaded").GetInt64(),
                c.GetProperty("duplicates").GetInt64(),
                c.GetProperty("crossedBooks").GetInt64(),
                c.GetProperty("checksumFailures").GetInt64(),
                c.GetProperty("rejectedFrames").GetInt64(),
                WireValues.Time(c, "lastVerified")));
    }

    public static Ticker Ticker(JsonElement t) => new(
        t.GetProperty("venue").GetString()!,
        t.GetProperty("symbol").GetString()!,
        t.GetProperty("instrument").GetString()!,
        BookSyncStateText.FromWire(t.GetProperty("syncState").GetString()),
        Level(t.GetProperty("bestBid")),
        Level(t.GetProperty("bestAsk")),
        t.GetProperty("lastTrade") is { ValueKind: JsonValueKind.Object } trade ? WireValues.Trade(trade) : null,
        t.GetProperty("venueBbo") is { ValueKind: JsonValueKind.Object } bbo ? Bbo(bbo) : null);

    public static Trade[] Trades(JsonElement root)
    {
        var array = root.GetProperty("trades");
        var result = new Trade[array.GetArrayLength()];
        var i = 0;
        foreach (var t in array.EnumerateArray())
        {
            result[i++] = WireValues.Trade(t);
        }

        return result;
    }

    /// <summary>A trade message from <c>{prefix}.trade.{venue}.{symbol}</c> (live or replayed from JetStream).</summary>
    public static (BookKey Book, Trade Trade) TradeMessage(JsonElement t) =>
        (new BookKey(t.GetProperty("venue").GetString()!, t.GetProperty("symbol").GetString()!), WireValues.Trade(t));

    private static BookLevel? Level(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object ? new BookLevel(WireValues.Decimal(e.GetProperty("price")), WireValues.Decimal(e.GetProperty("size"))) : null;

    private static BestBidOffer Bbo(JsonElement b) => new(
        b.GetProperty("updateId").GetInt64(),
        WireValues.Decimal(b.GetProperty("bidPrice")),
        WireValues.Decimal(b.GetProperty("bidSize")),
        WireValues.Decimal(b.GetProperty("askPrice")),
        WireValues.Decimal(b.GetProperty("askSize")),
        WireValues.Time(b, "exchangeTime"),
        WireValues.Time(b, "receiveTime"));
}
