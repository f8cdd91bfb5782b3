using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.Binance;

/// <summary>
/// The hot path for Binance REST depth snapshots: reads the documented shape straight from the bytes,
/// <c>{"lastUpdateId":N,"E"?:…,"T"?:…,"symbol"?:"…","pair"?:"…","bids":[["p","q"],…],"asks":[…]}</c> (§1, §2 of
/// shared/docs/exchange-protocols.md; futures add <c>E</c>/<c>T</c>, COIN-M <c>symbol</c>/<c>pair</c>), prices and
/// sizes parsed in the same pass.
/// </summary>
/// <remarks>
/// Anything else — field order, whitespace, escapes, unknown fields, an invalid level, too many levels — returns false
/// and <see cref="BinanceSnapshotParser"/> reads the body with its validating path, so accepted bodies yield the same
/// event and every rejection keeps its reason.
/// </remarks>
internal static class BinanceSnapshotScanner
{
    // A 1000-level-per-side snapshot fits after one growth, as on the validating path.
    private const int InitialLevels = 1024;

    /// <summary>Scans one response body.</summary>
    /// <param name="body">The body's bytes.</param>
    /// <param name="symbol">The symbol requested (the body does not name it).</param>
    /// <param name="receiveTime">When the response arrived (UTC, µs).</param>
    /// <param name="maxLevels">Most levels accepted (both sides).</param>
    /// <param name="snapshot">The snapshot event; its rented levels belong to the receiver.</param>
    /// <returns>False when the body is not exactly the expected shape (nothing is rented then).</returns>
    public static bool TryScan(ReadOnlySpan<byte> body, string symbol, Timestamp receiveTime, int maxLevels, out BookEvent snapshot)
    {
        snapshot = default;
        var eventTime = 0L;
        var cursor = new FrameCursor(body);
        if (!cursor.TryLiteral("{\"lastUpdateId\":"u8) || !cursor.TryUInt64(out var lastUpdateId)
            || (cursor.TryLiteral(",\"E\":"u8) && !cursor.TryUInt64(out eventTime))
            || (cursor.TryLiteral(",\"T\":"u8) && !cursor.TryUInt64(out _))
            || (cursor.TryLiteral(",\"symbol\":"u8) && !cursor.TryPlainString(out _))
            || (cursor.TryLiteral(",\"pair\":"u8) && !cursor.TryPlainString(out _))
            || !cursor.TryLiteral(",\"bids\":"u8))
        {
            return false;
        }

        var levels = JsonLevelReader.Rent(InitialLevels);
        var count = 0;
        if (!cursor.TryLevels(BookSide.Bid, ref levels, ref count, maxLevels)
            || !cursor.TryLiteral(",\"asks\":"u8)
            || !cursor.TryLevels(BookSide.Ask, ref levels, ref count, maxLevels)
            || !cursor.TryByte((byte)'}'))
        {
            System.Buffers.ArrayPool<LevelUpdate>.Shared.Return(levels);
            return false;
        }

        snapshot = new BookEvent(
            BookEventKind.Snapshot, symbol, lastUpdateId, lastUpdateId, -1, levels, count,
            eventTime == 0 ? Timestamp.None : Timestamp.FromUnixMilliseconds(eventTime), receiveTime);
        return true;
    }
}
