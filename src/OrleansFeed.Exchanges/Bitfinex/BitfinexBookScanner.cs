using System.Buffers;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.Bitfinex;

/// <summary>
/// The hot path for Bitfinex book frames (P0..P4 precision): reads the documented shape straight from the bytes, prices
/// and amounts (JSON numbers) parsed in the same pass (https://docs.bitfinex.com/reference/ws-public-books): an update
/// <c>[chanId,[price,count,amount],seq?]</c> or a snapshot <c>[chanId,[[price,count,amount],…],seq?]</c>, <c>seq</c>
/// being the SEQ_ALL connection sequence.
/// </summary>
/// <remarks>
/// The scanner only reads the shape; <see cref="BitfinexFrameParser"/> then checks that <c>chanId</c> is a subscribed
/// book channel and applies the sequence rule. Anything else — events, heartbeats, checksums, trades, tickers,
/// whitespace, strings where numbers are expected, exponents, more trailing elements, an invalid level, too many
/// levels — returns false and the parser reads the frame with its validating <c>Utf8JsonReader</c> path, so accepted
/// frames yield the same events and every rejection keeps its reason.
/// </remarks>
internal static class BitfinexBookScanner
{
    /// <summary>Scans one frame.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <param name="maxLevels">Most levels accepted in a snapshot.</param>
    /// <param name="chanId">The channel id.</param>
    /// <param name="snapshot">Whether the payload is a snapshot (an array of levels, possibly empty).</param>
    /// <param name="levels">The levels, rented; the caller returns them or hands them on. Null when false is returned.</param>
    /// <param name="count">Levels used.</param>
    /// <param name="sequence">The SEQ_ALL sequence; -1 when the frame has none.</param>
    /// <returns>False when the frame is not exactly the expected shape (nothing is rented then).</returns>
    public static bool TryScan(
        ReadOnlySpan<byte> frame, int maxLevels, out long chanId, out bool snapshot, out LevelUpdate[]? levels, out int count, out long sequence)
    {
        levels = null;
        count = 0;
        sequence = -1;
        snapshot = false;
        var cursor = new FrameCursor(frame);
        if (!cursor.TryByte((byte)'[') || !cursor.TryInt64(out chanId) || !cursor.TryByte((byte)',') || !cursor.TryByte((byte)'['))
        {
            chanId = 0;
            return false;
        }

        var buffer = JsonLevelReader.Rent();
        snapshot = cursor.Peek((byte)'[') || cursor.Peek((byte)']');
        var ok = snapshot ? TryReadSnapshot(ref cursor, maxLevels, ref buffer, ref count) : TryReadLevelBody(ref cursor, out buffer[count++]);
        if (ok && cursor.TryByte((byte)','))
        {
            ok = cursor.TryUInt64(out sequence);
        }

        if (!ok || !cursor.TryByte((byte)']') || cursor.Position != frame.Length)
        {
            ArrayPool<LevelUpdate>.Shared.Return(buffer);
            count = 0;
            sequence = -1;
            return false;
        }

        levels = buffer;
        return true;
    }

    /// <summary><c>[price,count,amount],…]</c> after the snapshot's opening <c>[</c>, through its <c>]</c>.</summary>
    private static bool TryReadSnapshot(ref FrameCursor cursor, int maxLevels, ref LevelUpdate[] buffer, ref int count)
    {
        if (cursor.TryByte((byte)']'))
        {
            return true;
        }

        do
        {
            if (!cursor.TryByte((byte)'[') || !TryReadLevelBody(ref cursor, out var level) || count >= maxLevels)
            {
                return false;
            }

            if (count == buffer.Length)
            {
                JsonLevelReader.Grow(ref buffer);
            }

            buffer[count++] = level;
        }
        while (cursor.TryByte((byte)','));

        return cursor.TryByte((byte)']');
    }

    /// <summary>
    /// <c>price,count,amount]</c> after a level's <c>[</c>: count &gt; 0 sets the level (amount &gt; 0 a bid, &lt; 0 an
    /// ask of |amount|); count 0 removes it (amount 1 from the bids, -1 from the asks).
    /// </summary>
    private static bool TryReadLevelBody(ref FrameCursor cursor, out LevelUpdate level)
    {
        level = default;
        if (!cursor.TryDecimalNumber(out var price) || !cursor.TryByte((byte)',') || !cursor.TryInt64(out var orders)
            || !cursor.TryByte((byte)',') || !cursor.TryDecimalNumber(out var amount) || !cursor.TryByte((byte)']')
            || price.Mantissa <= 0 || orders < 0 || amount.IsZero)
        {
            return false;
        }

        var side = amount.IsNegative ? BookSide.Ask : BookSide.Bid;
        var size = orders == 0 ? FixedDecimal.Zero : amount.IsNegative ? new FixedDecimal(-amount.Mantissa, amount.Scale) : amount;
        level = new LevelUpdate(side, price, size);
        return true;
    }
}
