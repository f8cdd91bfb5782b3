using System.Text.Json;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Aggregation.Stats;

namespace OrleansFeed.Bridge.Nats.Contracts;

/// <summary>Payloads of the aggregator's streams (NBBO, rolling 24h stats, candles), keyed by canonical instrument.</summary>
internal static class AggregateJson
{
    private static readonly string[] IntervalTokens = ["1m", "5m", "15m", "1h", "4h", "1d"];

    /// <summary>The subject token of a candle interval: <c>1m</c>, <c>5m</c>, <c>15m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>.</summary>
    public static string IntervalToken(CandleInterval interval) =>
        (uint)interval < (uint)IntervalTokens.Length ? IntervalTokens[(int)interval] : interval.ToString();

    /// <summary>Every interval, in enum order (index = <c>(int)interval</c>).</summary>
    public static IReadOnlyList<string> IntervalTokenList => IntervalTokens;

    public static void WriteNbbo(Utf8JsonWriter w, string instrument, Nbbo n)
    {
        w.WriteStartObject();
        w.WriteString("type", "nbbo");
        w.WriteString("instrument", instrument);
        w.WriteString("group", n.GroupKey);
        JsonValues.Decimal(w, "bidPrice", n.BidPrice);
        JsonValues.Decimal(w, "bidSize", n.BidSize);
        JsonValues.Decimal(w, "askPrice", n.AskPrice);
        JsonValues.Decimal(w, "askSize", n.AskSize);
        WriteVenues(w, "bidVenues", n.BidVenues);
        WriteVenues(w, "askVenues", n.AskVenues);
        w.WriteBoolean("locked", n.IsLocked);
        w.WriteBoolean("crossed", n.IsCrossed);
        w.WriteNumber("eligibleVenues", n.EligibleVenueCount);
        JsonValues.Time(w, "exchangeTime", n.ExchangeTime);
        JsonValues.Time(w, "receiveTime", n.ReceiveTime);
        w.WriteEndObject();
    }

    public static void WriteStats(Utf8JsonWriter w, string instrument, RollingStatsSnapshot s)
    {
        w.WriteStartObject();
        w.WriteString("type", "stats");
        w.WriteString("instrument", instrument);
        JsonValues.Time(w, "windowStart", s.WindowStart);
        JsonValues.Time(w, "windowEnd", s.WindowEnd);
        w.WriteNumber("tradeCount", s.TradeCount);
        JsonValues.Decimal(w, "open", s.Open);
        JsonValues.Decimal(w, "high", s.High);
        JsonValues.Decimal(w, "low", s.Low);
        JsonValues.Decimal(w, "last", s.Last);
        JsonValues.Decimal(w, "baseVolume", s.BaseVolume);
        JsonValues.Decimal(w, "quoteVolume", s.QuoteVolume);
        JsonValues.Decimal(w, "vwap", s.Vwap);
        JsonValues.Decimal(w, "priceChange", s.PriceChange);
        JsonValues.Decimal(w, "priceChangePercent", s.PriceChangePercent);
        w.WriteBoolean("exact", s.IsExact);
        w.WriteEndObject();
    }

    public static void WriteCandle(Utf8JsonWriter w, string instrument, in Candle c)
    {
        w.WriteStartObject();
        w.WriteString("type", "candle");
        w.WriteString("instrument", instrument);
        w.WriteString("interval", IntervalToken(c.Interval));
        JsonValues.Time(w, "start", c.Start);
        JsonValues.Time(w, "end", c.End);
        JsonValues.Decimal(w, "open", c.Open);
        JsonValues.Decimal(w, "high", c.High);
        JsonValues.Decimal(w, "low", c.Low);
        JsonValues.Decimal(w, "close", c.Close);
        JsonValues.Decimal(w, "volume", c.Volume);
        JsonValues.Decimal(w, "quoteVolume", c.QuoteVolume);
        w.WriteNumber("tradeCount", c.TradeCount);
        w.WriteBoolean("closed", c.IsClosed);
        w.WriteBoolean("amended", c.IsAmended);
        w.WriteEndObject();
    }

    private static void WriteVenues(Utf8JsonWriter w, string name, IReadOnlyList<VenueSize> venues)
    {
        w.WriteStartArray(name);
        foreach (var v in venues)
        {
            w.WriteStartObject();
            w.WriteString("venue", v.Venue);
            JsonValues.Decimal(w, "size", v.Size);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
