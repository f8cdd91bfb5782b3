using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;
using OrleansFeed.Exchanges.Okx.Messages;

namespace OrleansFeed.Exchanges.Okx;

/// <summary>
/// The hot path for OKX order-book pushes: reads the documented shape straight from the bytes, fields in the order
/// OKX sends them, prices and sizes parsed in the same pass (§6 of shared/docs/exchange-protocols.md):
/// <c>{"arg":{"channel":"books…","instId":"…"},"action":"snapshot"|"update","data":[{"asks":[[px,sz,"0",n],…],"bids":[…],"ts":"…","checksum"?:…,"prevSeqId"?:…,"seqId"?:…}]}</c>.
/// </summary>
/// <remarks>
/// Anything else — other channels, field order, whitespace, escapes, unknown fields, more than one data element, an
/// invalid level, too many levels — returns false and <see cref="OkxFrameParser"/> reads the frame with its validating
/// <c>Utf8JsonReader</c> path, so accepted frames yield the same event and every rejection keeps its reason.
/// </remarks>
internal static class OkxBookScanner
{
    /// <summary>Scans one frame.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <param name="symbols">Resolves <c>instId</c>.</param>
    /// <param name="maxLevels">Most levels accepted (both sides).</param>
    /// <param name="receiveTime">Our receive time (UTC, µs).</param>
    /// <param name="bookEvent">The snapshot or diff; its rented levels belong to the receiver.</param>
    /// <returns>False when the frame is not exactly the expected shape (nothing is rented then).</returns>
    public static bool TryScan(ReadOnlySpan<byte> frame, SymbolCache symbols, int maxLevels, Timestamp receiveTime, out BookEvent bookEvent)
    {
        bookEvent = default;
        var cursor = new FrameCursor(frame);
        if (!cursor.TryLiteral("{\"arg\":{\"channel\":"u8) || !cursor.TryPlainString(out var channel)
            || OkxChannels.FromName(channel) is not (OkxChannel.Books or OkxChannel.BooksL2Tbt or OkxChannel.Books50L2Tbt or OkxChannel.Books5)
            || !cursor.TryLiteral(",\"instId\":"u8) || !cursor.TryPlainString(out var instId)
            || !symbols.TryGet(instId, out var symbol)
            || !cursor.TryLiteral("},\"action\":"u8))
        {
            return false;
        }

        bool snapshot;
        if (cursor.TryLiteral("\"update\""u8))
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

        if (!cursor.TryLiteral(",\"data\":[{\"asks\":"u8))
        {
            return false;
        }

        var levels = JsonLevelReader.Rent();
        var count = 0;
        if (!cursor.TryLevels(BookSide.Ask, ref levels, ref count, maxLevels, extraStrings: true)
            || !cursor.TryLiteral(",\"bids\":"u8)
            || !cursor.TryLevels(BookSide.Bid, ref levels, ref count, maxLevels, extraStrings: true)
            || !TryReadTail(ref cursor, out var time, out var checksum, out var seqId, out var prevSeqId))
        {
            System.Buffers.ArrayPool<LevelUpdate>.Shared.Return(levels);
            return false;
        }

        bookEvent = new BookEvent(
            snapshot ? BookEventKind.Snapshot : BookEventKind.Diff,
            symbol,
            seqId,
            seqId,
            prevSeqId,
            levels,
            count,
            time == 0 ? Timestamp.None : Timestamp.FromUnixMilliseconds(time),
            receiveTime)
        {
            Checksum = OkxChecksum.BookEventChecksum(checksum),
        };
        return true;
    }

    /// <summary><c>,"ts":"…"</c>, the optional checksum and sequence fields, then the end of the element, array and frame.</summary>
    private static bool TryReadTail(ref FrameCursor cursor, out long time, out long checksum, out long seqId, out long prevSeqId)
    {
        time = 0;
        checksum = 0;
        seqId = OkxBookSync.NoSequence;
        prevSeqId = OkxBookSync.NoSequence;
        if (!cursor.TryLiteral(",\"ts\":"u8) || !cursor.TryDigitString(out time))
        {
            return false;
        }

        if (cursor.TryLiteral(",\"checksum\":"u8) && (!cursor.TryInt64(out checksum) || checksum is < int.MinValue or > int.MaxValue))
        {
            return false;
        }

        if (cursor.TryLiteral(",\"prevSeqId\":"u8) && !cursor.TryInt64(out prevSeqId))
        {
            return false;
        }

        if (cursor.TryLiteral(",\"seqId\":"u8) && !cursor.TryInt64(out seqId))
        {
            return false;
        }

        // Without seqId the sync cannot chain: both ids say "absent", as on the validating path.
        if (seqId == OkxBookSync.NoSequence)
        {
            prevSeqId = OkxBookSync.NoSequence;
        }

        return cursor.TryLiteral("}]}"u8);
    }
}
