using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Exchanges.Common.Replay;

/// <summary>
/// Writes the <c>replay --out</c> JSON document (docs/replay.md): per session, per book: venue, symbol, canonical
/// instrument, sync state, last update id, epoch, counters, trade count, and <c>bids</c>/<c>asks</c> as
/// <c>[price, size]</c> decimal strings, best first.
/// </summary>
public static class ReplayReportWriter
{
    /// <summary>Writes the report.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="sessions">Replayed sessions.</param>
    /// <param name="depth">Levels per side; <see cref="int.MaxValue"/> for all levels held.</param>
    /// <param name="extra">Writes extra top-level properties (e.g. aggregates) before the end; may be null.</param>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<ReplaySession> sessions, int depth, Action<Utf8JsonWriter>? extra = null)
    {
        writer.WriteStartObject();
        writer.WriteString("format", "orleansfeed-replay v1");
        writer.WriteStartArray("sessions");
        foreach (var session in sessions)
        {
            writer.WriteStartObject();
            writer.WriteString("name", session.Name);
            writer.WriteStartArray("files");
            foreach (var file in session.Files)
            {
                writer.WriteStringValue(Path.GetFileName(file));
            }

            writer.WriteEndArray();
            writer.WriteNumber("records", session.Records);
            writer.WriteNumber("frames", session.Frames);
            writer.WriteNumber("controlFrames", session.ControlFrames);
            writer.WriteNumber("ignoredFrames", session.IgnoredFrames);
            writer.WriteNumber("rejectedFrames", session.RejectedFrames);
            writer.WriteNumber("connectionRejectedFrames", session.ConnectionRejectedFrames);
            writer.WriteNumber("snapshots", session.Snapshots);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("books");
        foreach (var session in sessions)
        {
            foreach (var book in session.Books.Values)
            {
                WriteBook(writer, session, book, depth);
            }
        }

        writer.WriteEndArray();
        extra?.Invoke(writer);
        writer.WriteEndObject();
    }

    private static readonly JsonEncodedText LastUpdateIdName = JsonEncodedText.Encode("lastUpdateId");

    private static void WriteBook(Utf8JsonWriter writer, ReplaySession session, ReplayBook book, int depth)
    {
        var sync = book.Sync;
        var counters = sync.Counters;
        writer.WriteStartObject();
        writer.WriteString("session", session.Name);
        writer.WriteString("venue", book.Instrument.Venue);
        writer.WriteString("symbol", book.Instrument.Symbol);
        writer.WriteString("instrument", book.Instrument.Canonical);
        writer.WriteString("syncState", sync.State.ToWire());
        UpdateIds.Write(writer, LastUpdateIdName, sync.LastUpdateId);
        writer.WriteNumber("epoch", sync.Epoch);
        writer.WriteStartObject("counters");
        writer.WriteNumber("messages", counters.Messages);
        writer.WriteNumber("applied", counters.Applied);
        writer.WriteNumber("duplicates", counters.Duplicates);
        writer.WriteNumber("gaps", counters.Gaps);
        writer.WriteNumber("resyncs", counters.Resyncs);
        writer.WriteNumber("snapshotsLoaded", counters.SnapshotsLoaded);
        writer.WriteNumber("snapshotsTooOld", counters.SnapshotsTooOld);
        writer.WriteNumber("snapshotRequests", book.SnapshotRequests);
        writer.WriteNumber("crossedBooks", counters.CrossedBooks);
        writer.WriteNumber("checksumFailures", counters.ChecksumFailures);
        writer.WriteNumber("checksumsVerified", counters.ChecksumsVerified);
        writer.WriteNumber("bufferOverflows", counters.BufferOverflows);
        writer.WriteNumber("rejectedFrames", counters.RejectedFrames);
        writer.WriteNumber("possibleLosses", counters.PossibleLosses);
        writer.WriteNumber("unverified", counters.Unverified);
        writer.WriteEndObject();
        writer.WriteNumber("trades", book.TradeCount);
        if (book.LastTrade is { } last)
        {
            writer.WriteStartObject("lastTrade");
            writer.WriteNumber("id", last.TradeId);
            writer.WriteString("price", last.Price.ToString());
            writer.WriteString("size", last.Size.ToString());
            writer.WriteString("aggressor", last.Aggressor.ToString().ToLowerInvariant());
            writer.WriteString("exchangeTime", last.ExchangeTime.ToString());
            writer.WriteString("receiveTime", last.ReceiveTime.ToString());
            writer.WriteEndObject();
        }

        writer.WriteNumber("bidLevels", sync.Book.BidCount);
        writer.WriteNumber("askLevels", sync.Book.AskCount);
        WriteSide(writer, "bids", sync.Book.ToArray(BookSide.Bid, depth));
        WriteSide(writer, "asks", sync.Book.ToArray(BookSide.Ask, depth));
        writer.WriteEndObject();
    }

    private static void WriteSide(Utf8JsonWriter writer, string name, BookLevel[] levels)
    {
        writer.WriteStartArray(name);
        foreach (var level in levels)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(level.Price.ToString());
            writer.WriteStringValue(level.Size.ToString());
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
