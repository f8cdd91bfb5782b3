using System.Globalization;
using System.Text.Json;
using OrleansFeed.Api.Contracts;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>
/// Writes server messages (docs/websocket-protocol.md) with a <see cref="Utf8JsonWriter"/>: prices and sizes as
/// decimal strings formatted straight to UTF-8, times ISO-8601 UTC with µs, pre-encoded property names.
/// </summary>
internal static class ServerMessageWriter
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
    private static readonly JsonEncodedText Venue = JsonEncodedText.Encode("venue");
    private static readonly JsonEncodedText Symbol = JsonEncodedText.Encode("symbol");
    private static readonly JsonEncodedText Instrument = JsonEncodedText.Encode("instrument");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText Epoch = JsonEncodedText.Encode("epoch");
    private static readonly JsonEncodedText SyncState = JsonEncodedText.Encode("syncState");
    private static readonly JsonEncodedText Stale = JsonEncodedText.Encode("stale");
    private static readonly JsonEncodedText LastUpdateId = JsonEncodedText.Encode("lastUpdateId");
    private static readonly JsonEncodedText ExchangeTime = JsonEncodedText.Encode("exchangeTime");
    private static readonly JsonEncodedText ReceiveTime = JsonEncodedText.Encode("receiveTime");
    private static readonly JsonEncodedText Bids = JsonEncodedText.Encode("bids");
    private static readonly JsonEncodedText Asks = JsonEncodedText.Encode("asks");
    private static readonly JsonEncodedText Changes = JsonEncodedText.Encode("changes");
    private static readonly JsonEncodedText Price = JsonEncodedText.Encode("price");
    private static readonly JsonEncodedText Size = JsonEncodedText.Encode("size");
    private static readonly JsonEncodedText Side = JsonEncodedText.Encode("side");
    private static readonly JsonEncodedText Bid = JsonEncodedText.Encode("bid");
    private static readonly JsonEncodedText Ask = JsonEncodedText.Encode("ask");
    private static readonly JsonEncodedText[] Types =
    [
        JsonEncodedText.Encode("ack"), JsonEncodedText.Encode("error"), JsonEncodedText.Encode("pong"),
        JsonEncodedText.Encode("heartbeat"), JsonEncodedText.Encode("snapshot"), JsonEncodedText.Encode("delta"),
        JsonEncodedText.Encode("status"), JsonEncodedText.Encode("trade"), JsonEncodedText.Encode("snapshot"),
        JsonEncodedText.Encode("update"),
    ];

    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");

    public static void Write(Utf8JsonWriter w, in OutboundMessage m)
    {
        w.WriteStartObject();
        w.WriteString(Type, Types[(int)m.Kind]);
        switch (m.Kind)
        {
            case OutboundKind.Ack:
                WriteId(w, m.RequestId);
                break;
            case OutboundKind.Error:
                WriteId(w, m.RequestId);
                w.WriteNumber(Code, m.Code);
                w.WriteString(Message, (string?)m.Payload);
                break;
            case OutboundKind.Pong:
                WriteId(w, m.RequestId);
                WriteTime(w, Time, m.Time);
                break;
            case OutboundKind.Heartbeat:
                WriteTime(w, Time, m.Time);
                break;
            case OutboundKind.Snapshot:
                WriteSnapshot(w, m.Subscription!, (BookSnapshot)m.Payload!);
                break;
            case OutboundKind.Delta:
            case OutboundKind.Status:
                WriteDelta(w, m.Subscription!, (BookDelta)m.Payload!, m.Kind == OutboundKind.Delta);
                break;
            case OutboundKind.AggregateSnapshot:
            case OutboundKind.AggregateUpdate:
                // Instrument channels carry the REST DTO as 'data' (docs/websocket-protocol.md); not a per-frame hot path.
                w.WriteString(Channel, m.Subscription!.Channel);
                w.WriteString(Instrument, m.Subscription.StreamKey);
                w.WritePropertyName(Data);
                JsonSerializer.Serialize(w, m.Payload, m.Payload!.GetType());
                break;
            case OutboundKind.Trade:
                WriteHeader(w, m.Subscription!);
                w.WriteNumber(Id, m.Trade.TradeId);
                WriteDecimal(w, Price, m.Trade.Price);
                WriteDecimal(w, Size, m.Trade.Size);
                w.WriteString(Side, DtoMapper.SideText(m.Trade.Aggressor));
                WriteTime(w, ExchangeTime, m.Trade.ExchangeTime);
                WriteTime(w, ReceiveTime, m.Trade.ReceiveTime);
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteSnapshot(Utf8JsonWriter w, SessionSubscription sub, BookSnapshot s)
    {
        WriteHeader(w, sub);
        w.WriteNumber(Sequence, s.Sequence);
        w.WriteNumber(Epoch, s.Epoch);
        w.WriteString(SyncState, s.SyncState.ToWire());
        w.WriteBoolean(Stale, s.IsStale);
        UpdateIds.Write(w, LastUpdateId, s.LastUpdateId);
        WriteTime(w, ExchangeTime, s.ExchangeTime);
        WriteTime(w, ReceiveTime, s.ReceiveTime);
        WriteLevels(w, Bids, s.Bids);
        WriteLevels(w, Asks, s.Asks);
    }

    private static void WriteDelta(Utf8JsonWriter w, SessionSubscription sub, BookDelta d, bool withChanges)
    {
        WriteHeader(w, sub);
        w.WriteNumber(Sequence, d.Sequence);
        w.WriteNumber(Epoch, d.Epoch);
        // A Stale delta is forwarded as a status whatever its text says: the book is resyncing.
        w.WriteString(SyncState, withChanges ? d.SyncState.ToWire() : BookSyncStateText.Syncing);
        w.WriteBoolean(Stale, !withChanges || d.SyncState != BookSyncState.Synced);
        UpdateIds.Write(w, LastUpdateId, d.LastUpdateId);
        WriteTime(w, ExchangeTime, d.ExchangeTime);
        WriteTime(w, ReceiveTime, d.ReceiveTime);
        if (!withChanges)
        {
            return;
        }

        w.WriteStartArray(Changes);
        foreach (var c in d.Changes)
        {
            w.WriteStartArray();
            w.WriteStringValue(c.Side == BookSide.Bid ? Bid : Ask);
            WriteDecimalValue(w, c.Price);
            WriteDecimalValue(w, c.Size);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void WriteHeader(Utf8JsonWriter w, SessionSubscription sub)
    {
        w.WriteString(Channel, sub.Channel);
        w.WriteString(Venue, sub.Instrument.Venue);
        w.WriteString(Symbol, sub.Instrument.Symbol);
        w.WriteString(Instrument, sub.Instrument.Canonical);
    }

    private static void WriteLevels(Utf8JsonWriter w, JsonEncodedText name, BookLevel[] levels)
    {
        w.WriteStartArray(name);
        foreach (var level in levels)
        {
            w.WriteStartArray();
            WriteDecimalValue(w, level.Price);
            WriteDecimalValue(w, level.Size);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void WriteId(Utf8JsonWriter w, JsonElement id)
    {
        w.WritePropertyName(Id);
        if (id.ValueKind == JsonValueKind.Undefined)
        {
            w.WriteNullValue();
        }
        else
        {
            id.WriteTo(w);
        }
    }

    private static void WriteDecimal(Utf8JsonWriter w, JsonEncodedText name, FixedDecimal value)
    {
        w.WritePropertyName(name);
        WriteDecimalValue(w, value);
    }

    private static void WriteDecimalValue(Utf8JsonWriter w, FixedDecimal value)
    {
        Span<byte> utf8 = stackalloc byte[FixedDecimal.MaxFormattedLength];
        value.TryFormat(utf8, out var written);
        w.WriteStringValue(utf8[..written]);
    }

    private static void WriteTime(Utf8JsonWriter w, JsonEncodedText name, Timestamp time)
    {
        if (time.IsNone)
        {
            w.WriteNull(name);
            return;
        }

        Span<byte> utf8 = stackalloc byte[32];
        time.ToDateTimeOffset().UtcDateTime.TryFormat(utf8, out var written, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        w.WriteString(name, utf8[..written]);
    }
}
