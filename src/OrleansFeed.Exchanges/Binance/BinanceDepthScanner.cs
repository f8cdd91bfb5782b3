using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance.Messages;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.Binance;

/// <summary>
/// The hot path for Binance <c>depthUpdate</c> frames: reads the documented shape straight from the bytes, fields in the
/// order Binance sends them, prices and sizes parsed in the same pass —
/// <c>{"stream":"…@depth…","data":{"e":"depthUpdate","E":…,"T"?:…,"s":"…","ps"?:"…","U":…,"u":…,"pu"?:…,"b":[["p","q"],…],"a":[…]}}</c>
/// or the same payload without the combined-stream wrapper (§1, §2 of shared/docs/exchange-protocols.md); futures add
/// <c>T</c> and <c>pu</c>, COIN-M futures <c>ps</c> (the pair).
/// </summary>
/// <remarks>
/// Anything else — another stream, field order, whitespace, escapes, unknown fields, numbers as numbers, an invalid
/// level, a missing field, too many levels — returns false and the caller parses the frame with the validating
/// <see cref="BinanceFrameParser"/> path, so accepted frames yield the same event and every rejection keeps its reason.
/// </remarks>
internal static class BinanceDepthScanner
{
    /// <summary>Scans one frame.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <param name="symbols">Resolves the <c>s</c> field.</param>
    /// <param name="maxLevels">Most levels accepted (both sides).</param>
    /// <param name="receiveTime">Our receive time (UTC, µs).</param>
    /// <param name="diff">The diff event; its rented levels belong to the receiver.</param>
    /// <returns>False when the frame is not exactly the expected shape (nothing is rented then).</returns>
    public static bool TryScan(ReadOnlySpan<byte> frame, SymbolCache symbols, int maxLevels, Timestamp receiveTime, out BookEvent diff)
    {
        diff = default;
        var cursor = new FrameCursor(frame);
        if (cursor.TryLiteral("{\"stream\":"u8))
        {
            if (!cursor.TryPlainString(out var stream) || BinanceStreamNames.FromStreamName(stream) != BinanceStreamKind.Depth
                || !cursor.TryLiteral(",\"data\":{\"e\":\"depthUpdate\",\"E\":"u8))
            {
                return false;
            }
        }
        else if (!cursor.TryLiteral("{\"e\":\"depthUpdate\",\"E\":"u8))
        {
            return false;
        }

        if (!cursor.TryUInt64(out var eventTime)
            || (cursor.TryLiteral(",\"T\":"u8) && !cursor.TryUInt64(out _))
            || !cursor.TryLiteral(",\"s\":"u8)
            || !cursor.TryPlainString(out var symbolBytes)
            || !symbols.TryGet(symbolBytes, out var symbol)
            || (cursor.TryLiteral(",\"ps\":"u8) && !cursor.TryPlainString(out _))
            || !cursor.TryLiteral(",\"U\":"u8) || !cursor.TryUInt64(out var first)
            || !cursor.TryLiteral(",\"u\":"u8) || !cursor.TryUInt64(out var last)
            || last < first)
        {
            return false;
        }

        var previous = -1L;
        if (cursor.TryLiteral(",\"pu\":"u8) && !cursor.TryUInt64(out previous))
        {
            return false;
        }

        if (!cursor.TryLiteral(",\"b\":"u8))
        {
            return false;
        }

        var levels = JsonLevelReader.Rent();
        var count = 0;
        if (!cursor.TryLevels(BookSide.Bid, ref levels, ref count, maxLevels)
            || !cursor.TryLiteral(",\"a\":"u8)
            || !cursor.TryLevels(BookSide.Ask, ref levels, ref count, maxLevels)
            || !cursor.TryByte((byte)'}'))
        {
            System.Buffers.ArrayPool<LevelUpdate>.Shared.Return(levels);
            return false;
        }

        diff = new BookEvent(
            BookEventKind.Diff, symbol, first, last, previous, levels, count, Timestamp.FromUnixMilliseconds(eventTime), receiveTime);
        return true;
    }
}
