using System.Buffers;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.KuCoin;

/// <summary>
/// The hot path for KuCoin <c>trade.l2update</c> diffs: reads the shape KuCoin sends (§3 "Topics and payloads" of
/// shared/docs/exchange-protocols.md, field order as recorded) straight from the bytes, prices and sizes parsed in
/// the same pass:
/// <c>{"data":{"sequenceStart":n,"symbol":"…","changes":{"asks":[["price","size","seq"],…],"bids":[…]},"sequenceEnd":n},"subject":"trade.l2update","topic":"…","type":"message"}</c>.
/// </summary>
/// <remarks>
/// Anything else — other subjects, another field order, an optional <c>time</c>, whitespace, escapes, numbers where
/// strings are expected (or the reverse), unknown fields, an unknown symbol, ids that do not chain
/// (<c>sequenceEnd &lt; sequenceStart</c>), an invalid change, too many changes — returns false and
/// <see cref="KuCoinFrameParser"/> reads the frame with its validating <c>Utf8JsonReader</c> path, so accepted frames
/// yield the same event and every rejection keeps its reason. A change at price <c>"0"</c> with size <c>"0"</c> is a
/// sequence-only placeholder and is skipped, as on the validating path.
/// </remarks>
internal static class KuCoinLevel2Scanner
{
    /// <summary>Scans one frame.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <param name="symbols">Resolves <c>data.symbol</c>.</param>
    /// <param name="maxLevels">Most changes accepted (both sides, placeholders not counted).</param>
    /// <param name="receiveTime">Our receive time (UTC, µs).</param>
    /// <param name="bookEvent">The diff (first/last id = <c>sequenceStart</c>/<c>sequenceEnd</c>, each change's own
    /// sequence on its level); its rented levels belong to the receiver.</param>
    /// <returns>False when the frame is not exactly the expected shape (nothing is rented then).</returns>
    public static bool TryScan(ReadOnlySpan<byte> frame, SymbolCache symbols, int maxLevels, Timestamp receiveTime, out BookEvent bookEvent)
    {
        bookEvent = default;
        var cursor = new FrameCursor(frame);
        if (!cursor.TryLiteral("{\"data\":{\"sequenceStart\":"u8) || !cursor.TryInt64(out var start)
            || !cursor.TryLiteral(",\"symbol\":"u8) || !cursor.TryPlainString(out var symbolText) || !symbols.TryGet(symbolText, out var symbol)
            || !cursor.TryLiteral(",\"changes\":{\"asks\":"u8))
        {
            return false;
        }

        var levels = JsonLevelReader.Rent();
        var count = 0;
        if (!TryReadChanges(ref cursor, BookSide.Ask, ref levels, ref count, maxLevels)
            || !cursor.TryLiteral(",\"bids\":"u8)
            || !TryReadChanges(ref cursor, BookSide.Bid, ref levels, ref count, maxLevels)
            || !cursor.TryLiteral("},\"sequenceEnd\":"u8) || !cursor.TryInt64(out var end)
            || !cursor.TryLiteral("},\"subject\":\"trade.l2update\",\"topic\":"u8) || !cursor.TryPlainString(out _)
            || !cursor.TryLiteral(",\"type\":\"message\"}"u8) || cursor.Position != frame.Length
            || start < 0 || end < start)
        {
            ArrayPool<LevelUpdate>.Shared.Return(levels);
            return false;
        }

        bookEvent = new BookEvent(BookEventKind.Diff, symbol, start, end, -1, levels, count, Timestamp.None, receiveTime);
        return true;
    }

    /// <summary><c>[["price","size","sequence"],…]</c>, each change keeping its own sequence.</summary>
    private static bool TryReadChanges(ref FrameCursor cursor, BookSide side, ref LevelUpdate[] buffer, ref int count, int maxLevels)
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
            if (!cursor.TryByte((byte)'[') || !cursor.TryDecimalString(out var price) || !cursor.TryByte((byte)',')
                || !cursor.TryDecimalString(out var size) || !cursor.TryByte((byte)',')
                || !cursor.TryDigitString(out var sequence) || !cursor.TryByte((byte)']'))
            {
                return false;
            }

            if (price.IsZero)
            {
                // The sequence-only placeholder (Kucoin/kucoin-api-docs #21); a size with it is invalid.
                if (!size.IsZero)
                {
                    return false;
                }

                continue;
            }

            if (count >= maxLevels)
            {
                return false;
            }

            if (count == buffer.Length)
            {
                JsonLevelReader.Grow(ref buffer);
            }

            buffer[count++] = new LevelUpdate(side, price, size, sequence);
        }
        while (cursor.TryByte((byte)','));

        return cursor.TryByte((byte)']');
    }
}
