using OrleansFeed.Core.Quotes;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Silo.Redis;

/// <summary>
/// Writes the <c>ticker</c> and <c>bbo</c> last-value payloads (docs/redis.md). Prices (quote currency) and sizes
/// (base units) are exact decimal strings; times are ISO-8601 UTC with microseconds, null when unknown. The ticker
/// payload has exactly the fields of <c>GET /api/v1/ticker/{venue}/{symbol}</c>, so a Redis reader and a REST reader
/// parse one contract.
/// </summary>
internal static class LastValueJson
{
    /// <summary>The ticker payload: venue, symbol, instrument, syncState, stale, bestBid, bestAsk, lastTrade, venueBbo.</summary>
    public static void WriteTicker(Utf8JsonWriter w, Ticker t)
    {
        w.WriteStartObject();
        WriteIdentity(w, t);
        WriteLevel(w, "bestBid", t.BestBid);
        WriteLevel(w, "bestAsk", t.BestAsk);
        if (t.LastTrade is { } trade)
        {
            w.WriteStartObject("lastTrade");
            w.WriteNumber("id", trade.TradeId);
            WriteDecimal(w, "price", trade.Price);
            WriteDecimal(w, "size", trade.Size);
            w.WriteString("side", SideText(trade.Aggressor));
            WriteTime(w, "exchangeTime", trade.ExchangeTime);
            WriteTime(w, "receiveTime", trade.ReceiveTime);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("lastTrade");
        }

        WriteVenueBbo(w, t.VenueBbo);
        w.WriteEndObject();
    }

    /// <summary>
    /// The bbo payload: identity, our book's top of book (<c>bid</c>, <c>ask</c>), the venue's own last BBO message
    /// (<c>venueBbo</c>) and <c>asOf</c>, our clock when the values were read from the book grain.
    /// </summary>
    public static void WriteBbo(Utf8JsonWriter w, Ticker t, DateTimeOffset asOf)
    {
        w.WriteStartObject();
        WriteIdentity(w, t);
        WriteLevel(w, "bid", t.BestBid);
        WriteLevel(w, "ask", t.BestAsk);
        WriteVenueBbo(w, t.VenueBbo);
        WriteTime(w, "asOf", Timestamp.FromDateTimeOffset(asOf));
        w.WriteEndObject();
    }

    private static void WriteIdentity(Utf8JsonWriter w, Ticker t)
    {
        w.WriteString("venue", t.Venue);
        w.WriteString("symbol", t.Symbol);
        w.WriteString("instrument", t.Instrument);
        w.WriteString("syncState", t.SyncState.ToWire());
        w.WriteBoolean("stale", t.SyncState != BookSyncState.Synced);
    }

    private static void WriteLevel(Utf8JsonWriter w, string name, BookLevel? level)
    {
        if (level is not { } l)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        WriteDecimal(w, "price", l.Price);
        WriteDecimal(w, "size", l.Size);
        w.WriteEndObject();
    }

    private static void WriteVenueBbo(Utf8JsonWriter w, BestBidOffer? bbo)
    {
        if (bbo is not { } b)
        {
            w.WriteNull("venueBbo");
            return;
        }

        w.WriteStartObject("venueBbo");
        w.WriteNumber("updateId", b.UpdateId);
        WriteDecimal(w, "bidPrice", b.BidPrice);
        WriteDecimal(w, "bidSize", b.BidSize);
        WriteDecimal(w, "askPrice", b.AskPrice);
        WriteDecimal(w, "askSize", b.AskSize);
        WriteTime(w, "exchangeTime", b.ExchangeTime);
        WriteTime(w, "receiveTime", b.ReceiveTime);
        w.WriteEndObject();
    }

    private static void WriteDecimal(Utf8JsonWriter w, string name, FixedDecimal value)
    {
        // FixedDecimal formats as UTF-8 without allocating.
        Span<byte> text = stackalloc byte[FixedDecimal.MaxFormattedLength];
        if (value.TryFormat(text, out var written))
        {
            w.WriteString(name, text[..written]);
        }
        else
        {
            w.WriteString(name, value.ToString());
        }
    }

    private static void WriteTime(Utf8JsonWriter w, string name, Timestamp time)
    {
        if (time.IsNone)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, time.ToString());
        }
    }

    private static string SideText(AggressorSide side) => side switch
    {
        AggressorSide.Buy => "buy",
        AggressorSide.Sell => "sell",
        _ => "unknown",
    };
}
