using System.Buffers;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Bybit.Messages;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.Bybit;

/// <summary>
/// The hot path for the retired Bybit v2 <c>orderBookL2_25</c> / <c>orderBook_200</c> pushes of the 2021 recordings
/// (USDT contracts): reads the recorded shape straight from the bytes, prices and sizes parsed in the same pass:
/// <c>{"topic":"orderBookL2_25.SYMBOL","type":"delta"|"snapshot","data":{"delete":[level…],"update":[…],"insert":[…]}|{"order_book":[…]},"cross_seq":"n","timestamp_e6":"µs"}</c>,
/// each level <c>{"price":"p","symbol":"…","id":"…","side":"Buy"|"Sell"(,"size":number)}</c>.
/// </summary>
/// <remarks>
/// Deletes become size 0, the other groups carry the new absolute size, as on the validating path. Anything else —
/// the inverse contracts' array snapshots, another field order, whitespace, escapes, a string size or number price,
/// unknown fields, an unknown symbol, a missing size outside <c>delete</c>, an invalid level, too many levels — returns
/// false and <see cref="BybitFrameParser"/> reads the frame with its validating <c>Utf8JsonReader</c> path, so
/// accepted frames yield the same event and every rejection keeps its reason.
/// </remarks>
internal static class BybitLegacyOrderBookScanner
{
    /// <summary>Scans one frame.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <param name="symbols">Resolves the topic's symbol.</param>
    /// <param name="maxLevels">Most levels accepted (all groups).</param>
    /// <param name="receiveTime">Our receive time (UTC, µs).</param>
    /// <param name="bookEvent">The snapshot or delta (first = last id = <c>cross_seq</c>, previous id
    /// <see cref="BybitBookSync.CrossSequenceOnly"/>); its rented levels belong to the receiver.</param>
    /// <returns>False when the frame is not exactly the expected shape (nothing is rented then).</returns>
    public static bool TryScan(ReadOnlySpan<byte> frame, SymbolCache symbols, int maxLevels, Timestamp receiveTime, out BookEvent bookEvent)
    {
        bookEvent = default;
        var cursor = new FrameCursor(frame);
        if (!cursor.TryLiteral("{\"topic\":"u8) || !cursor.TryPlainString(out var topic)
            || BybitTopics.Classify(topic, out var symbolBytes) != BybitTopicKind.LegacyOrderBook
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

        if (!cursor.TryLiteral(",\"data\":{"u8))
        {
            return false;
        }

        var levels = JsonLevelReader.Rent();
        var count = 0;
        if (!TryReadGroups(ref cursor, ref levels, ref count, maxLevels)
            || !cursor.TryLiteral(",\"cross_seq\":"u8) || !cursor.TryDigitString(out var crossSeq)
            || !cursor.TryLiteral(",\"timestamp_e6\":"u8) || !cursor.TryDigitString(out var timeE6)
            || !cursor.TryByte((byte)'}') || cursor.Position != frame.Length)
        {
            ArrayPool<LevelUpdate>.Shared.Return(levels);
            return false;
        }

        bookEvent = new BookEvent(
            snapshot ? BookEventKind.Snapshot : BookEventKind.Diff,
            symbol,
            crossSeq,
            crossSeq,
            BybitBookSync.CrossSequenceOnly,
            levels,
            count,
            timeE6 == 0 ? Timestamp.None : new Timestamp(timeE6),
            receiveTime);
        return true;
    }

    /// <summary><c>"delete":[…],"update":[…],"insert":[…]}</c> (any order, any subset) or <c>"order_book":[…]}</c>, through the data's <c>}</c>.</summary>
    private static bool TryReadGroups(ref FrameCursor cursor, ref LevelUpdate[] levels, ref int count, int maxLevels)
    {
        do
        {
            var delete = cursor.TryLiteral("\"delete\":"u8);
            if (!delete && !cursor.TryLiteral("\"update\":"u8) && !cursor.TryLiteral("\"insert\":"u8) && !cursor.TryLiteral("\"order_book\":"u8))
            {
                return false;
            }

            if (!TryReadLevels(ref cursor, delete, ref levels, ref count, maxLevels))
            {
                return false;
            }
        }
        while (cursor.TryByte((byte)','));

        return cursor.TryByte((byte)'}');
    }

    /// <summary><c>[{"price":"p","symbol":"…","id":"…","side":"Buy"|"Sell"(,"size":number)},…]</c>.</summary>
    private static bool TryReadLevels(ref FrameCursor cursor, bool delete, ref LevelUpdate[] buffer, ref int count, int maxLevels)
    {
        if (!cursor.TryByte((byte)'['))
        {
            return false;
        }

        if (cursor.TryByte((byte)']'))
        {
            return true;
        }

        do
        {
            if (!cursor.TryLiteral("{\"price\":"u8) || !cursor.TryDecimalString(out var price)
                || !cursor.TryLiteral(",\"symbol\":"u8) || !cursor.TryPlainString(out _)
                || !cursor.TryLiteral(",\"id\":"u8) || !cursor.TryPlainString(out _)
                || !cursor.TryLiteral(",\"side\":"u8))
            {
                return false;
            }

            BookSide side;
            if (cursor.TryLiteral("\"Buy\""u8))
            {
                side = BookSide.Bid;
            }
            else if (cursor.TryLiteral("\"Sell\""u8))
            {
                side = BookSide.Ask;
            }
            else
            {
                return false;
            }

            var size = FixedDecimal.Zero;
            var hasSize = cursor.TryLiteral(",\"size\":"u8);
            if ((hasSize && !cursor.TryDecimalNumber(out size)) || (!hasSize && !delete) || !cursor.TryByte((byte)'}')
                || price.Mantissa <= 0 || size.IsNegative || count >= maxLevels)
            {
                return false;
            }

            if (count == buffer.Length)
            {
                JsonLevelReader.Grow(ref buffer);
            }

            buffer[count++] = new LevelUpdate(side, price, delete ? FixedDecimal.Zero : size);
        }
        while (cursor.TryByte((byte)','));

        return cursor.TryByte((byte)']');
    }
}
