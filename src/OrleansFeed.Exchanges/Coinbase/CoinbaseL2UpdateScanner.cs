using System.Buffers;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Coinbase.Messages;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.Coinbase;

/// <summary>
/// The hot path for Coinbase Exchange <c>l2update</c> frames (channels <c>level2</c> / <c>level2_batch</c>): reads the
/// documented shape straight from the bytes, fields in the order the feed sends them, prices and sizes parsed in the
/// same pass: <c>{"type":"l2update","product_id":"…","changes":[["buy"|"sell","price","size"],…],"time":"RFC 3339"}</c>.
/// </summary>
/// <remarks>
/// Anything else — other types, another field order, whitespace, escapes, numbers where strings are expected, unknown
/// fields, an unknown product, a side other than <c>buy</c>/<c>sell</c>, a time <see cref="CoinbaseTime"/> does not
/// read, an invalid level, too many levels — returns false and <see cref="CoinbaseExchangeFrameParser"/> reads the
/// frame with its validating <c>Utf8JsonReader</c> path, so accepted frames yield the same event and every rejection
/// keeps its reason.
/// </remarks>
/// <seealso href="https://docs.cdp.coinbase.com/exchange/websocket-feed/channels"/>
internal static class CoinbaseL2UpdateScanner
{
    /// <summary>Scans one frame.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <param name="symbols">Resolves <c>product_id</c>.</param>
    /// <param name="maxLevels">Most changes accepted.</param>
    /// <param name="receiveTime">Our receive time (UTC, µs).</param>
    /// <param name="bookEvent">The diff (no ids: level2 has no sequence); its rented levels belong to the receiver.</param>
    /// <returns>False when the frame is not exactly the expected shape (nothing is rented then).</returns>
    public static bool TryScan(ReadOnlySpan<byte> frame, SymbolCache symbols, int maxLevels, Timestamp receiveTime, out BookEvent bookEvent)
    {
        bookEvent = default;
        var cursor = new FrameCursor(frame);
        if (!cursor.TryLiteral("{\"type\":\"l2update\",\"product_id\":"u8) || !cursor.TryPlainString(out var product)
            || !symbols.TryGet(product, out var symbol) || !cursor.TryLiteral(",\"changes\":["u8))
        {
            return false;
        }

        var levels = JsonLevelReader.Rent();
        var count = 0;
        if (!TryReadChanges(ref cursor, ref levels, ref count, maxLevels)
            || !cursor.TryLiteral(",\"time\":"u8) || !cursor.TryPlainString(out var timeText) || !CoinbaseTime.TryParse(timeText, out var time)
            || !cursor.TryByte((byte)'}') || cursor.Position != frame.Length)
        {
            ArrayPool<LevelUpdate>.Shared.Return(levels);
            return false;
        }

        bookEvent = new BookEvent(BookEventKind.Diff, symbol, 0, 0, -1, levels, count, time, receiveTime);
        return true;
    }

    /// <summary><c>["buy"|"sell","price","size"],…]</c> after the array's <c>[</c>, through its <c>]</c>.</summary>
    private static bool TryReadChanges(ref FrameCursor cursor, ref LevelUpdate[] buffer, ref int count, int maxLevels)
    {
        if (cursor.TryByte((byte)']'))
        {
            return true;
        }

        do
        {
            BookSide side;
            if (cursor.TryLiteral("[\"buy\","u8))
            {
                side = BookSide.Bid;
            }
            else if (cursor.TryLiteral("[\"sell\","u8))
            {
                side = BookSide.Ask;
            }
            else
            {
                return false;
            }

            if (!cursor.TryDecimalString(out var price) || !cursor.TryByte((byte)',') || !cursor.TryDecimalString(out var size)
                || !cursor.TryByte((byte)']') || price.Mantissa <= 0 || count >= maxLevels)
            {
                return false;
            }

            if (count == buffer.Length)
            {
                JsonLevelReader.Grow(ref buffer);
            }

            buffer[count++] = new LevelUpdate(side, price, size);
        }
        while (cursor.TryByte((byte)','));

        return cursor.TryByte((byte)']');
    }
}
