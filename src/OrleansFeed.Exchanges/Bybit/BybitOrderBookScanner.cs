using System.Buffers;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Bybit.Messages;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.Bybit;

/// <summary>
/// The hot path for Bybit v5 <c>orderbook.N</c> pushes (deltas and snapshots share the shape): reads the documented
/// shape straight from the bytes, fields in the order the linear market sends them (§7 of
/// shared/docs/exchange-protocols.md), prices and sizes parsed in the same pass:
/// <c>{"topic":"orderbook.N.SYMBOL","type":"delta"|"snapshot","ts":ms,"data":{"s":"SYMBOL","b":[["price","size"],…],"a":[…],"u":n,"seq":n},"cts":ms}</c>.
/// </summary>
/// <remarks>
/// Anything else — other topics (the retired v2 <c>orderBookL2_25</c> included), another key order (§7: it differs by
/// market), whitespace, escapes, numbers where strings are expected (or the reverse), unknown fields, an unknown
/// symbol, a negative <c>u</c>, an invalid level, too many levels — returns false and <see cref="BybitFrameParser"/>
/// reads the frame with its validating <c>Utf8JsonReader</c> path, so accepted frames yield the same event and every
/// rejection keeps its reason. As on that path, <c>data.s</c> is not compared with the topic's symbol.
/// </remarks>
internal static class BybitOrderBookScanner
{
    /// <summary>Scans one frame.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <param name="symbols">Resolves the topic's symbol.</param>
    /// <param name="maxLevels">Most levels accepted (both sides).</param>
    /// <param name="receiveTime">Our receive time (UTC, µs).</param>
    /// <param name="bookEvent">The snapshot or delta (first id = <c>seq</c>, last id = <c>u</c>, as
    /// <see cref="BybitBookSync"/> expects); its rented levels belong to the receiver.</param>
    /// <returns>False when the frame is not exactly the expected shape (nothing is rented then).</returns>
    public static bool TryScan(ReadOnlySpan<byte> frame, SymbolCache symbols, int maxLevels, Timestamp receiveTime, out BookEvent bookEvent)
    {
        bookEvent = default;
        var cursor = new FrameCursor(frame);
        if (!cursor.TryLiteral("{\"topic\":"u8) || !cursor.TryPlainString(out var topic)
            || BybitTopics.Classify(topic, out var symbolBytes) != BybitTopicKind.OrderBook
            || symbolBytes.Length == 0 || !symbols.TryGet(symbolBytes, out var symbol)
            || !cursor.TryLiteral(",\"type\":"u8))
        {
            return false;
        }

        bool snapshot;
        if (cursor.TryLiteral("\"delta\""u8))
        {
            snapshot = false;
        }
        else if (cursor.TryLiteral("\"snapshot\""u8))
        {
            snapshot = true;
        }
        else
        {
            return false;
        }

        if (!cursor.TryLiteral(",\"ts\":"u8) || !cursor.TryInt64(out var time)
            || !cursor.TryLiteral(",\"data\":{\"s\":"u8) || !cursor.TryPlainString(out _)
            || !cursor.TryLiteral(",\"b\":"u8))
        {
            return false;
        }

        var levels = JsonLevelReader.Rent();
        var count = 0;
        if (!cursor.TryLevels(BookSide.Bid, ref levels, ref count, maxLevels)
            || !cursor.TryLiteral(",\"a\":"u8)
            || !cursor.TryLevels(BookSide.Ask, ref levels, ref count, maxLevels)
            || !cursor.TryLiteral(",\"u\":"u8) || !cursor.TryInt64(out var u) || u < 0
            || !cursor.TryLiteral(",\"seq\":"u8) || !cursor.TryInt64(out var seq)
            || !cursor.TryLiteral("},\"cts\":"u8) || !cursor.TryInt64(out _)
            || !cursor.TryByte((byte)'}') || cursor.Position != frame.Length)
        {
            ArrayPool<LevelUpdate>.Shared.Return(levels);
            return false;
        }

        bookEvent = new BookEvent(
            snapshot ? BookEventKind.Snapshot : BookEventKind.Diff,
            symbol,
            seq,
            u,
            -1,
            levels,
            count,
            time == 0 ? Timestamp.None : Timestamp.FromUnixMilliseconds(time),
            receiveTime);
        return true;
    }
}
