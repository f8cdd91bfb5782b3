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
    /// Retired v2 <c>orderBookL2_25.{symbol}</c> (2021 recordings): snapshot <c>data:{"order_book":[level]}</c> (USDT) or
    /// <c>data:[level]</c> (inverse); delta <c>data:{"delete":[level],"update":[level],"insert":[level]}</c>; each level
    /// <c>{"price","symbol","id","side":"Buy"|"Sell","size"?}</c> where the id only encodes the price. Deletes become size 0;
    /// updates and inserts carry the new absolute size. <c>cross_seq</c> → first and last id,
    /// <see cref="BybitBookSync.CrossSequenceOnly"/> → previous id; <c>timestamp_e6</c> (µs) is the exchange time.
    /// </summary>
    private ParseStatus ParseLegacyOrderBook(
        ref Utf8JsonReader reader, string symbol, bool snapshot, long crossSeq, long timeE6, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (crossSeq < 0)
        {
            return Reject(sink, FrameRejectReason.MissingField, symbol);
        }

        var levels = JsonLevelReader.Rent();
        var count = 0;
        var ok = true;
        var reason = FrameRejectReason.Malformed;
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            ok = TryReadLegacyLevels(ref reader, delete: false, ref levels, ref count, out reason);
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var delete = reader.ValueTextEquals("delete"u8);
                if (delete || reader.ValueTextEquals("update"u8) || reader.ValueTextEquals("insert"u8) || reader.ValueTextEquals("order_book"u8))
                {
                    reader.Read();
                    ok = TryReadLegacyLevels(ref reader, delete, ref levels, ref count, out reason);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        else
        {
            ok = false;
            reason = FrameRejectReason.WrongFieldType;
        }

        if (!ok)
        {
            ArrayPool<LevelUpdate>.Shared.Return(levels);
            return Reject(sink, reason, symbol);
        }

        sink.OnBookEvent(new BookEvent(
            snapshot ? BookEventKind.Snapshot : BookEventKind.Diff,
            symbol,
            crossSeq,
            crossSeq,
            BybitBookSync.CrossSequenceOnly,
            levels,
            count,
            timeE6 == 0 ? Timestamp.None : new Timestamp(timeE6),
            receiveTime));
        return ParseStatus.Data;
    }

    private bool TryReadLegacyLevels(ref Utf8JsonReader reader, bool delete, ref LevelUpdate[] levels, ref int count, out FrameRejectReason reason)
    {
        reason = FrameRejectReason.WrongFieldType;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            FixedDecimal price = default, size = default;
            bool hasPrice = false, hasSize = false;
            BookSide? side = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("price"u8))
                {
                    if (!JsonLevelReader.TryReadDecimalElement(ref reader, out price, out reason))
                    {
                        return false;
                    }

                    hasPrice = true;
                }
                else if (reader.ValueTextEquals("size"u8))
                {
                    if (!JsonLevelReader.TryReadDecimalElement(ref reader, out size, out reason))
                    {
                        return false;
                    }

                    hasSize = true;
                }
                else if (reader.ValueTextEquals("side"u8))
                {
                    reader.Read();
                    side = ReadSide(ref reader) switch
                    {
                        AggressorSide.Buy => BookSide.Bid,
                        AggressorSide.Sell => BookSide.Ask,
                        _ => null,
                    };
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!hasPrice || side is null || (!delete && !hasSize))
            {
                reason = FrameRejectReason.MissingField;
                return false;
            }

            if (price.Mantissa <= 0 || size.IsNegative)
            {
                reason = FrameRejectReason.InvalidLevel;
                return false;
            }

            if (count >= Limits.MaxLevelsPerMessage)
            {
                reason = FrameRejectReason.TooManyLevels;
                return false;
            }

            if (count == levels.Length)
            {
                var bigger = ArrayPool<LevelUpdate>.Shared.Rent(levels.Length * 2);
                levels.AsSpan().CopyTo(bigger);
                ArrayPool<LevelUpdate>.Shared.Return(levels);
                levels = bigger;
            }

            levels[count++] = new LevelUpdate(side.Value, price, delete ? FixedDecimal.Zero : size);
        }

        reason = FrameRejectReason.Malformed;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>
    /// Retired v2 <c>trade.{symbol}</c>: <c>data:[{"symbol","side":"Buy"|"Sell","size","price","trade_time_ms","trade_id",…}]</c>;
    /// <c>side</c> is the taker side; the UUID <c>trade_id</c> gives trade id 0.
    /// </summary>
    private static ParseStatus ParseLegacyTrades(ref Utf8JsonReader reader, string symbol, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Reject(sink, FrameRejectReason.WrongFieldType, symbol);
        }

        var status = ParseStatus.Ignored;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            long time = 0;
            FixedDecimal price = default, size = default;
            bool hasPrice = false, hasSize = false, ok = true;
            AggressorSide? side = null;
            var reason = FrameRejectReason.Malformed;
            while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("price"u8))
                {
                    ok = hasPrice = JsonLevelReader.TryReadDecimalElement(ref reader, out price, out reason);
                }
                else if (reader.ValueTextEquals("size"u8))
                {
                    ok = hasSize = JsonLevelReader.TryReadDecimalElement(ref reader, out size, out reason);
                }
                else if (reader.ValueTextEquals("side"u8))
                {
                    reader.Read();
                    side = ReadSide(ref reader);
                    ok = side is not null;
                    reason = FrameRejectReason.WrongFieldType;
                }
                else if (reader.ValueTextEquals("trade_time_ms"u8))
                {
                    ok = JsonFieldReader.TryReadInt64OrString(ref reader, out time, out _);
                    reason = FrameRejectReason.WrongFieldType;
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

            sink.OnTrade(symbol, new Trade(0, price, size, side!.Value, Timestamp.FromUnixMilliseconds(time), receiveTime));
            status = ParseStatus.Data;
        }

        return reader.TokenType == JsonTokenType.EndArray ? status : Reject(sink, FrameRejectReason.Malformed, symbol);
    }
}
