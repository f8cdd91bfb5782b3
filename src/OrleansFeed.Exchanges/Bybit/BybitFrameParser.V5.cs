using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Bybit;

public sealed partial class BybitFrameParser
{
    /// <summary>
    /// v5 <c>orderbook.N</c>: <c>data:{"s","b":[[p,q]],"a":[[p,q]],"u","seq"}</c> (§7). <c>u</c> → last update id,
    /// <c>seq</c> → first update id (see <see cref="BybitBookSync"/>); <c>ts</c> (ms) is the exchange time.
    /// </summary>
    private ParseStatus ParseOrderBook(ref Utf8JsonReader reader, string symbol, bool snapshot, long time, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Reject(sink, FrameRejectReason.WrongFieldType, symbol);
        }

        long u = -1, seq = 0;
        bool hasBids = false, hasAsks = false, ok = true;
        var levels = JsonLevelReader.Rent();
        var count = 0;
        var reason = FrameRejectReason.Malformed;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("b"u8))
            {
                ok = hasBids = JsonLevelReader.TryReadLevels(ref reader, BookSide.Bid, ref levels, ref count, Limits.MaxLevelsPerMessage, out reason);
            }
            else if (reader.ValueTextEquals("a"u8))
            {
                ok = hasAsks = JsonLevelReader.TryReadLevels(ref reader, BookSide.Ask, ref levels, ref count, Limits.MaxLevelsPerMessage, out reason);
            }
            else if (reader.ValueTextEquals("u"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out u, out _);
                reason = FrameRejectReason.WrongFieldType;
            }
            else if (reader.ValueTextEquals("seq"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out seq, out _);
                reason = FrameRejectReason.WrongFieldType;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ok && (u < 0 || !hasBids || !hasAsks))
        {
            ok = false;
            reason = FrameRejectReason.MissingField;
        }

        if (!ok)
        {
            ArrayPool<LevelUpdate>.Shared.Return(levels);
            return Reject(sink, reason, symbol);
        }

        sink.OnBookEvent(new BookEvent(
            snapshot ? BookEventKind.Snapshot : BookEventKind.Diff,
            symbol,
            seq,
            u,
            -1,
            levels,
            count,
            time == 0 ? Timestamp.None : Timestamp.FromUnixMilliseconds(time),
            receiveTime));
        return ParseStatus.Data;
    }

    /// <summary>
    /// v5 <c>publicTrade</c>: <c>data:[{"T","s","S","v","p","L"?,"i","BT","RPI"?,"seq"?}]</c> (§7); <c>S</c> is the taker
    /// side. Block trades (<c>BT:true</c>) are negotiated off the book and are skipped so they never move last price
    /// or candles; a non-numeric <c>i</c> (UUID on derivatives) gives trade id 0.
    /// </summary>
    private static ParseStatus ParsePublicTrades(ref Utf8JsonReader reader, string symbol, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Reject(sink, FrameRejectReason.WrongFieldType, symbol);
        }

        var status = ParseStatus.Ignored;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            long id = 0, time = 0;
            FixedDecimal price = default, size = default;
            bool hasPrice = false, hasSize = false, block = false, ok = true;
            AggressorSide? side = null;
            var reason = FrameRejectReason.Malformed;
            while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("p"u8))
                {
                    ok = hasPrice = JsonLevelReader.TryReadDecimalElement(ref reader, out price, out reason);
                }
                else if (reader.ValueTextEquals("v"u8))
                {
                    ok = hasSize = JsonLevelReader.TryReadDecimalElement(ref reader, out size, out reason);
                }
                else if (reader.ValueTextEquals("S"u8))
                {
                    reader.Read();
                    side = ReadSide(ref reader);
                    ok = side is not null;
                    reason = FrameRejectReason.WrongFieldType;
                }
                else if (reader.ValueTextEquals("T"u8))
                {
                    ok = JsonFieldReader.TryReadInt64OrString(ref reader, out time, out _);
                    reason = FrameRejectReason.WrongFieldType;
                }
                else if (reader.ValueTextEquals("i"u8))
                {
                    reader.Read();
                    id = JsonFieldReader.TryGetInt64OrString(ref reader, out var parsed) ? parsed : 0;
                }
                else if (reader.ValueTextEquals("BT"u8))
                {
                    reader.Read();
                    block = reader.TokenType == JsonTokenType.True;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!TryFinishTrade(ok, hasPrice, hasSize, side, price, size, ref reason))
            {
                return Reject(sink, reason, symbol);
            }

            if (!block)
            {
                sink.OnTrade(symbol, new Trade(id, price, size, side!.Value, Timestamp.FromUnixMilliseconds(time), receiveTime));
                status = ParseStatus.Data;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray ? status : Reject(sink, FrameRejectReason.Malformed, symbol);
    }

    private static AggressorSide? ReadSide(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? null
        : reader.ValueTextEquals("Buy"u8) ? AggressorSide.Buy
        : reader.ValueTextEquals("Sell"u8) ? AggressorSide.Sell
        : null;

    private static bool TryFinishTrade(bool ok, bool hasPrice, bool hasSize, AggressorSide? side, FixedDecimal price, FixedDecimal size, ref FrameRejectReason reason)
    {
        if (!ok)
        {
            return false;
        }

        if (!hasPrice || !hasSize || side is null)
        {
            reason = FrameRejectReason.MissingField;
            return false;
        }

        if (price.Mantissa <= 0 || size.Mantissa <= 0)
        {
            reason = FrameRejectReason.InvalidLevel;
            return false;
        }

        return true;
    }
}
