using OrleansFeed.Core.Quotes;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Bridge.Nats.Contracts;

/// <summary>Trade, venue-BBO and ticker payloads; field names as the REST <c>TradeDto</c>, <c>VenueBboDto</c>, <c>TickerDto</c>.</summary>
internal static class MarketJson
{
    /// <summary><c>{"type":"trade","venue","symbol","id","price","size","side","exchangeTime","receiveTime"}</c>.</summary>
    public static void WriteTrade(Utf8JsonWriter w, BookKey key, in Trade t)
    {
        w.WriteStartObject();
        w.WriteString("type", "trade");
        w.WriteString("venue", key.Venue);
        w.WriteString("symbol", key.Symbol);
        WriteTradeFields(w, t);
        w.WriteEndObject();
    }

    /// <summary><c>{"type":"bbo","venue","symbol","updateId","bidPrice","bidSize","askPrice","askSize","exchangeTime","receiveTime"}</c>.</summary>
    public static void WriteBbo(Utf8JsonWriter w, BookKey key, in BestBidOffer b)
    {
        w.WriteStartObject();
        w.WriteString("type", "bbo");
        w.WriteString("venue", key.Venue);
        w.WriteString("symbol", key.Symbol);
        WriteBboFields(w, b);
        w.WriteEndObject();
    }

    /// <summary>The ticker reply (REST <c>TickerDto</c> fields plus <c>"type":"ticker"</c>).</summary>
    public static void WriteTicker(Utf8JsonWriter w, Ticker t)
    {
        w.WriteStartObject();
        w.WriteString("type", "ticker");
        w.WriteString("venue", t.Venue);
        w.WriteString("symbol", t.Symbol);
        w.WriteString("instrument", t.Instrument);
        w.WriteString("syncState", t.SyncState.ToWire());
        w.WriteBoolean("stale", t.SyncState != BookSyncState.Synced);
        WriteLevel(w, "bestBid", t.BestBid);
        WriteLevel(w, "bestAsk", t.BestAsk);
        if (t.LastTrade is { } trade)
        {
            w.WriteStartObject("lastTrade");
            WriteTradeFields(w, trade);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("lastTrade");
        }

        if (t.VenueBbo is { } bbo)
        {
            w.WriteStartObject("venueBbo");
            WriteBboFields(w, bbo);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("venueBbo");
        }

        w.WriteEndObject();
    }

    /// <summary>The recent-trades reply: <c>{"type":"trades","venue","symbol","trades":[{...},...]}</c>, newest first.</summary>
    public static void WriteTrades(Utf8JsonWriter w, BookKey key, Trade[] trades)
    {
        w.WriteStartObject();
        w.WriteString("type", "trades");
        w.WriteString("venue", key.Venue);
        w.WriteString("symbol", key.Symbol);
        w.WriteStartArray("trades");
        foreach (var t in trades)
        {
            w.WriteStartObject();
            WriteTradeFields(w, t);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>An error reply: <c>{"type":"error","code":...,"message":...}</c>.</summary>
    public static void WriteError(Utf8JsonWriter w, int code, string message)
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
    }

    private static void WriteTradeFields(Utf8JsonWriter w, in Trade t)
    {
        w.WriteNumber("id", t.TradeId);
        JsonValues.Decimal(w, "price", t.Price);
        JsonValues.Decimal(w, "size", t.Size);
        w.WriteString("side", JsonValues.SideText(t.Aggressor));
        JsonValues.Time(w, "exchangeTime", t.ExchangeTime);
        JsonValues.Time(w, "receiveTime", t.ReceiveTime);
    }

    private static void WriteBboFields(Utf8JsonWriter w, in BestBidOffer b)
    {
        w.WriteNumber("updateId", b.UpdateId);
        JsonValues.Decimal(w, "bidPrice", b.BidPrice);
        JsonValues.Decimal(w, "bidSize", b.BidSize);
        JsonValues.Decimal(w, "askPrice", b.AskPrice);
        JsonValues.Decimal(w, "askSize", b.AskSize);
        JsonValues.Time(w, "exchangeTime", b.ExchangeTime);
        JsonValues.Time(w, "receiveTime", b.ReceiveTime);
    }

    private static void WriteLevel(Utf8JsonWriter w, string name, BookLevel? level)
    {
        if (level is { } l)
        {
            w.WriteStartObject(name);
            JsonValues.Decimal(w, "price", l.Price);
            JsonValues.Decimal(w, "size", l.Size);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
