using System.Buffers;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>
/// The hot path for Kraken v1 book frames: reads the documented shape straight from the bytes, prices and sizes parsed
/// in the same pass (§4 "v1 differences" of shared/docs/exchange-protocols.md):
/// <c>[channelID,{"a":[["price","volume","time"(,"r")],…]}(,{"b":[…],"c":"crc"}),"book-N","pair"]</c> for updates and
/// <c>[channelID,{"as":[…],"bs":[…]},"book-N","pair"]</c> for snapshots; inside an object the fields
/// <c>a</c>/<c>b</c>/<c>as</c>/<c>bs</c>/<c>c</c> may come in any order, as Kraken sends them.
/// </summary>
/// <remarks>
/// Anything else — v2 frames, events, other channels, frames without their trailing names, whitespace, escapes, numbers
/// where strings are expected, unknown fields, a level time that is not epoch seconds, an invalid level, too many
/// levels, a frame mixing snapshot and update fields, an unknown pair — returns false and
/// <see cref="KrakenFrameParser"/> reads the frame with its validating <c>Utf8JsonReader</c> path, so accepted frames
/// yield the same event and every rejection keeps its reason.
/// </remarks>
internal static class KrakenBookScanner
{
    // A CRC32 as decimal text: at most 10 digits (uint.MaxValue = 4294967295).
    private const int MaxChecksumDigits = 10;

    /// <summary>Scans one frame.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <param name="pairs">Resolves the pair (either spelling).</param>
    /// <param name="maxLevels">Most levels accepted (both sides).</param>
    /// <param name="nextMessageNumber">Counts the pair's book messages (called once, only for an accepted frame).</param>
    /// <param name="receiveTime">Our receive time (UTC, µs).</param>
    /// <param name="bookEvent">The snapshot or diff, ids as <see cref="KrakenFrameParser"/> maps them; its rented levels belong to the receiver.</param>
    /// <returns>False when the frame is not exactly the expected shape (nothing is rented or counted then).</returns>
    public static bool TryScan(
        ReadOnlySpan<byte> frame, SymbolCache pairs, int maxLevels, Func<string, long> nextMessageNumber, Timestamp receiveTime, out BookEvent bookEvent)
    {
        bookEvent = default;
        var cursor = new FrameCursor(frame);
        if (!cursor.TryByte((byte)'[') || !cursor.TryInt64(out _) || !cursor.TryByte((byte)',') || !cursor.Peek((byte)'{'))
        {
            return false;
        }

        var levels = JsonLevelReader.Rent();
        var count = 0;
        var fields = default(Fields);
        while (cursor.TryByte((byte)'{'))
        {
            if (!TryReadObject(ref cursor, ref levels, ref count, maxLevels, ref fields) || !cursor.TryByte((byte)','))
            {
                ArrayPool<LevelUpdate>.Shared.Return(levels);
                return false;
            }
        }

        // The names: channel then pair, then the frame's end.
        if (fields.Snapshot == fields.Update
            || !cursor.TryPlainString(out var name) || KrakenChannels.FromV1Name(name, out var depth) != KrakenChannel.Book
            || !cursor.TryByte((byte)',') || !cursor.TryPlainString(out var pair) || !cursor.TryByte((byte)']')
            || cursor.Position != frame.Length || !pairs.TryGet(pair, out var symbol))
        {
            ArrayPool<LevelUpdate>.Shared.Return(levels);
            return false;
        }

        var kind = fields.Snapshot ? BookEventKind.Snapshot : BookEventKind.Diff;
        bookEvent = new BookEvent(kind, symbol, depth, nextMessageNumber(symbol), -1, levels, count, fields.Latest, receiveTime)
        {
            Checksum = fields.Checksum,
        };
        return true;
    }

    /// <summary>One payload object after its <c>{</c>, through its <c>}</c>.</summary>
    private static bool TryReadObject(ref FrameCursor cursor, ref LevelUpdate[] levels, ref int count, int maxLevels, ref Fields fields)
    {
        do
        {
            if (cursor.TryLiteral("\"c\":"u8))
            {
                if (!TryChecksum(ref cursor, out var checksum))
                {
                    return false;
                }

                fields.Checksum = checksum;
                continue;
            }

            // "a"/"b" are update sides, "as"/"bs" snapshot sides (§4 "v1 differences").
            BookSide side;
            bool snapshot;
            if (cursor.TryLiteral("\"a\":"u8))
            {
                (side, snapshot) = (BookSide.Ask, false);
            }
            else if (cursor.TryLiteral("\"b\":"u8))
            {
                (side, snapshot) = (BookSide.Bid, false);
            }
            else if (cursor.TryLiteral("\"as\":"u8))
            {
                (side, snapshot) = (BookSide.Ask, true);
            }
            else if (cursor.TryLiteral("\"bs\":"u8))
            {
                (side, snapshot) = (BookSide.Bid, true);
            }
            else
            {
                return false;
            }

            fields.Snapshot |= snapshot;
            fields.Update |= !snapshot;
            if (!TryReadLevels(ref cursor, side, ref levels, ref count, maxLevels, ref fields.Latest))
            {
                return false;
            }
        }
        while (cursor.TryByte((byte)','));

        return cursor.TryByte((byte)'}');
    }

    /// <summary>
    /// <c>[["price","volume","time"(,"r"…)],…]</c>: each level's time, epoch seconds as text, raises
    /// <paramref name="latest"/> as the validating reader does; further plain strings (the republish mark) are skipped.
    /// </summary>
    private static bool TryReadLevels(ref FrameCursor cursor, BookSide side, ref LevelUpdate[] buffer, ref int count, int maxLevels, ref Timestamp latest)
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
                || !cursor.TryPlainString(out var timeText) || !KrakenTimestamps.TryParseSeconds(timeText, out var time))
            {
                return false;
            }

            while (cursor.TryByte((byte)','))
            {
                if (!cursor.TryPlainString(out _))
                {
                    return false;
                }
            }

            if (!cursor.TryByte((byte)']') || price.Mantissa <= 0 || count >= maxLevels)
            {
                return false;
            }

            if (time > latest)
            {
                latest = time;
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

    /// <summary>
    /// <c>"digits"</c> of a CRC32 without a leading zero; anything else (numbers, signs, overflow) is left to the
    /// validating path, which has its own rules for those.
    /// </summary>
    private static bool TryChecksum(ref FrameCursor cursor, out uint checksum)
    {
        checksum = 0;
        if (!cursor.TryPlainString(out var text) || text.Length is 0 or > MaxChecksumDigits || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        ulong value = 0;
        foreach (var b in text)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        if (value > uint.MaxValue)
        {
            return false;
        }

        checksum = (uint)value;
        return true;
    }

    /// <summary>What the payload objects said so far.</summary>
    private struct Fields
    {
        public bool Snapshot;
        public bool Update;
        public uint? Checksum;
        public Timestamp Latest;
    }
}
