using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Bridge.Nats.Contracts;

/// <summary>
/// Book payloads (docs/nats-bridge.md): the same fields as the WebSocket book channel
/// (docs/websocket-protocol.md) plus <c>kind</c>. Prices are quote-currency decimal strings, sizes base-unit decimal strings.
/// </summary>
internal static class BookJson
{
    private static readonly JsonEncodedText LastUpdateIdName = JsonEncodedText.Encode("lastUpdateId");

    public static string KindText(BookDeltaKind kind) => kind switch
    {
        BookDeltaKind.Rebuilt => "rebuilt",
        BookDeltaKind.Stale => "stale",
        _ => "update",
    };

    /// <summary>The book state a delta reports (payload <c>syncState</c> and header <c>Md-Sync-State</c>): a stale delta is <c>syncing</c> whatever its state says.</summary>
    /// <param name="d">The delta.</param>
    /// <returns>The state to report.</returns>
    public static BookSyncState SyncStateOf(BookDelta d) => d.Kind == BookDeltaKind.Stale ? BookSyncState.Syncing : d.SyncState;

    /// <summary><c>{"type":"delta"|"status","kind":...,"venue","symbol","sequence","epoch","syncState","stale",...,"changes":[["bid","p","s"]]}</c>.</summary>
    public static void WriteDelta(Utf8JsonWriter w, BookDelta d)
    {
        var isUpdate = d.Kind == BookDeltaKind.Update;
        w.WriteStartObject();
        w.WriteString("type", isUpdate ? "delta" : "status");
        w.WriteString("kind", KindText(d.Kind));
        w.WriteString("venue", d.Venue);
        w.WriteString("symbol", d.Symbol);
        w.WriteNumber("sequence", d.Sequence);
        w.WriteNumber("epoch", d.Epoch);
        var syncState = SyncStateOf(d);
        w.WriteString("syncState", syncState.ToWire());
        w.WriteBoolean("stale", syncState != BookSyncState.Synced);
        UpdateIds.Write(w, LastUpdateIdName, d.LastUpdateId);
        JsonValues.Time(w, "exchangeTime", d.ExchangeTime);
        JsonValues.Time(w, "receiveTime", d.ReceiveTime);
        w.WriteStartArray("changes");
        foreach (var c in d.Changes)
        {
            w.WriteStartArray();
            w.WriteStringValue(c.Side == BookSide.Bid ? "bid" : "ask");
            JsonValues.DecimalValue(w, c.Price);
            JsonValues.DecimalValue(w, c.Size);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The snapshot reply: the REST <c>BookSnapshotDto</c> fields plus <c>"type":"snapshot"</c>.</summary>
    public static void WriteSnapshot(Utf8JsonWriter w, BookSnapshot s)
    {
        w.WriteStartObject();
        w.WriteString("type", "snapshot");
        w.WriteString("venue", s.Venue);
        w.WriteString("symbol", s.Symbol);
        w.WriteString("instrument", s.Instrument);
        w.WriteString("syncState", s.SyncState.ToWire());
        w.WriteBoolean("stale", s.IsStale);
        w.WriteNumber("epoch", s.Epoch);
        w.WriteNumber("sequence", s.Sequence);
        UpdateIds.Write(w, LastUpdateIdName, s.LastUpdateId);
        JsonValues.Time(w, "exchangeTime", s.ExchangeTime);
        JsonValues.Time(w, "receiveTime", s.ReceiveTime);
        WriteLevels(w, "bids", s.Bids);
        WriteLevels(w, "asks", s.Asks);
        var c = s.Counters;
        w.WriteStartObject("counters");
        w.WriteNumber("messages", c.Messages);
        w.WriteNumber("applied", c.Applied);
        w.WriteNumber("gaps", c.Gaps);
        w.WriteNumber("resyncs", c.Resyncs);
        w.WriteNumber("snapshotsLoaded", c.SnapshotsLoaded);
        w.WriteNumber("duplicates", c.Duplicates);
        w.WriteNumber("crossedBooks", c.CrossedBooks);
        w.WriteNumber("checksumFailures", c.ChecksumFailures);
        w.WriteNumber("rejectedFrames", c.RejectedFrames);
        JsonValues.Time(w, "lastVerified", c.LastVerified);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteLevels(Utf8JsonWriter w, string name, BookLevel[] levels)
    {
        w.WriteStartArray(name);
        foreach (var level in levels)
        {
            w.WriteStartArray();
            JsonValues.DecimalValue(w, level.Price);
            JsonValues.DecimalValue(w, level.Size);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
