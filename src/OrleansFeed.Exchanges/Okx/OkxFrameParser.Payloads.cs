using OrleansFeed.Core.Quotes;
using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Okx;

public sealed partial class OkxFrameParser
{
    /// <summary>
    /// Book push <c>data:[{"asks":[[px,sz,"0",count]],"bids":[…],"ts","checksum","prevSeqId"?,"seqId"?}]</c> (§6).
    /// <c>seqId</c> → first/last update id, <c>prevSeqId</c> → previous update id, <see cref="OkxBookSync.NoSequence"/> when
    /// absent (2021-2022 frames); a non-zero <c>checksum</c> goes on <see cref="BookEvent.Checksum"/>.
    /// </summary>
    private ParseStatus ParseBook(ref Utf8JsonReader reader, string symbol, bool snapshot, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Reject(sink, FrameRejectReason.Malformed, symbol);
        }

        long seqId = OkxBookSync.NoSequence, prevSeqId = OkxBookSync.NoSequence, time = 0, checksum = 0;
        bool hasBids = false, hasAsks = false, ok = true;
        var levels = JsonLevelReader.Rent();
        var count = 0;
        var reason = FrameRejectReason.Malformed;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("asks"u8))
            {
                ok = hasAsks = JsonLevelReader.TryReadLevels(ref reader, BookSide.Ask, ref levels, ref count, Limits.MaxLevelsPerMessage, out reason);
            }
            else if (reader.ValueTextEquals("bids"u8))
            {
                ok = hasBids = JsonLevelReader.TryReadLevels(ref reader, BookSide.Bid, ref levels, ref count, Limits.MaxLevelsPerMessage, out reason);
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out time, out reason);
            }
            else if (reader.ValueTextEquals("checksum"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out checksum, out reason) && checksum is >= int.MinValue and <= int.MaxValue;
            }
            else if (reader.ValueTextEquals("seqId"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out seqId, out reason);
            }
            else if (reader.ValueTextEquals("prevSeqId"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out prevSeqId, out reason);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ok && (!hasBids || !hasAsks))
        {
            ok = false;
            reason = FrameRejectReason.MissingField;
        }

        if (!ok)
        {
            ArrayPool<LevelUpdate>.Shared.Return(levels);
            return Reject(sink, reason, symbol);
        }

        // Without seqId the sync cannot chain: both ids say "absent" so it relies on the checksum alone.
        if (seqId == OkxBookSync.NoSequence)
        {
            prevSeqId = OkxBookSync.NoSequence;
        }

        sink.OnBookEvent(new BookEvent(
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
        });
        return ParseStatus.Data;
    }

    /// <summary><c>trades</c>: <c>data:[{"instId","tradeId","px","sz","side","ts","count"?}]</c>, <c>side</c> = taker side (§6).</summary>
    private ParseStatus ParseTrades(ref Utf8JsonReader reader, string symbol, Timestamp receiveTime, IMarketEventSink sink)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            long id = 0, time = 0;
            FixedDecimal price = default, size = default;
            bool hasPrice = false, hasSize = false, ok = true;
            var side = (AggressorSide?)null;
            var reason = FrameRejectReason.Malformed;
            while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("px"u8))
                {
                    ok = hasPrice = JsonLevelReader.TryReadDecimalElement(ref reader, out price, out reason);
                }
                else if (reader.ValueTextEquals("sz"u8))
                {
                    ok = hasSize = JsonLevelReader.TryReadDecimalElement(ref reader, out size, out reason);
                }
                else if (reader.ValueTextEquals("side"u8))
                {
                    reader.Read();
                    side = reader.ValueTextEquals("buy"u8) ? AggressorSide.Buy : reader.ValueTextEquals("sell"u8) ? AggressorSide.Sell : null;
                    ok = side is not null;
                    reason = FrameRejectReason.WrongFieldType;
                }
                else if (reader.ValueTextEquals("ts"u8))
                {
                    ok = JsonFieldReader.TryReadInt64OrString(ref reader, out time, out reason);
                }
                else if (reader.ValueTextEquals("tradeId"u8))
                {
                    // Numeric in every recording; a non-numeric id is kept as 0 (Trade.TradeId is numeric only).
                    reader.Read();
                    if (!JsonFieldReader.TryGetInt64OrString(ref reader, out id))
                    {
                        id = 0;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (ok && (!hasPrice || !hasSize || side is null))
            {
                ok = false;
                reason = FrameRejectReason.MissingField;
            }

            if (ok && (price.Mantissa <= 0 || size.Mantissa <= 0))
            {
                ok = false;
                reason = FrameRejectReason.InvalidLevel;
            }

            if (!ok)
            {
                return Reject(sink, reason, symbol);
            }

            sink.OnTrade(symbol, new Trade(id, price, size, side!.Value, Timestamp.FromUnixMilliseconds(time), receiveTime));
        }

        return reader.TokenType == JsonTokenType.EndArray ? ParseStatus.Data : Reject(sink, FrameRejectReason.Malformed, symbol);
    }

    /// <summary>
    /// <c>tickers</c>: <c>data:[{"instId","last","askPx","askSz","bidPx","bidSz","open24h","high24h","low24h","vol24h",…,"ts"}]</c>
    /// (§6) → the venue's BBO, and its rolling 24 h figures as a <see cref="VenueTicker24h"/> (<c>vol24h</c>: base units
    /// on spot, contracts on derivatives, the unit of the trades' <c>sz</c>). An empty <c>bidPx</c>/<c>askPx</c> (an
    /// option with no bid, seen in the 2022 recording) gives no BBO; an empty or absent 24 h field is null.
    /// </summary>
    private static ParseStatus ParseTickers(ref Utf8JsonReader reader, string symbol, Timestamp receiveTime, IMarketEventSink sink)
    {
        var status = ParseStatus.Ignored;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            FixedDecimal bidPx = default, bidSz = default, askPx = default, askSz = default;
            FixedDecimal? last = null, open = null, high = null, low = null, volume = null;
            long time = 0;
            var present = 0;
            var ok = true;
            var reason = FrameRejectReason.Malformed;
            while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("bidPx"u8))
                {
                    ok = TryReadOptionalDecimal(ref reader, ref bidPx, ref present, out reason);
                }
                else if (reader.ValueTextEquals("bidSz"u8))
                {
                    ok = TryReadOptionalDecimal(ref reader, ref bidSz, ref present, out reason);
                }
                else if (reader.ValueTextEquals("askPx"u8))
                {
                    ok = TryReadOptionalDecimal(ref reader, ref askPx, ref present, out reason);
                }
                else if (reader.ValueTextEquals("askSz"u8))
                {
                    ok = TryReadOptionalDecimal(ref reader, ref askSz, ref present, out reason);
                }
                else if (reader.ValueTextEquals("last"u8))
                {
                    ok = TryReadNullableDecimal(ref reader, out last, out reason);
                }
                else if (reader.ValueTextEquals("open24h"u8))
                {
                    ok = TryReadNullableDecimal(ref reader, out open, out reason);
                }
                else if (reader.ValueTextEquals("high24h"u8))
                {
                    ok = TryReadNullableDecimal(ref reader, out high, out reason);
                }
                else if (reader.ValueTextEquals("low24h"u8))
                {
                    ok = TryReadNullableDecimal(ref reader, out low, out reason);
                }
                else if (reader.ValueTextEquals("vol24h"u8))
                {
                    ok = TryReadNullableDecimal(ref reader, out volume, out reason);
                }
                else if (reader.ValueTextEquals("ts"u8))
                {
                    ok = JsonFieldReader.TryReadInt64OrString(ref reader, out time, out reason);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!ok)
            {
                return Reject(sink, reason, symbol);
            }

            if (present == 4 && bidPx.Mantissa > 0 && askPx.Mantissa > 0)
            {
                sink.OnBestBidOffer(symbol, new BestBidOffer(0, bidPx, bidSz, askPx, askSz, Timestamp.FromUnixMilliseconds(time), receiveTime));
                status = ParseStatus.Data;
            }

            if (last is { } l)
            {
                sink.OnVenueTicker(symbol, new VenueTicker24h(open, high, low, l, volume, Timestamp.FromUnixMilliseconds(time), receiveTime));
                status = ParseStatus.Data;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray ? status : Reject(sink, FrameRejectReason.Malformed, symbol);
    }

    private static bool TryReadNullableDecimal(ref Utf8JsonReader reader, out FixedDecimal? value, out FrameRejectReason reason)
    {
        value = null;
        FixedDecimal read = default;
        var present = 0;
        if (!TryReadOptionalDecimal(ref reader, ref read, ref present, out reason))
        {
            return false;
        }

        if (present > 0)
        {
            value = read;
        }

        return true;
    }

    private static bool TryReadOptionalDecimal(ref Utf8JsonReader reader, ref FixedDecimal value, ref int present, out FrameRejectReason reason)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty)
        {
            reason = default;
            return true;
        }

        if (!JsonLevelReader.TryGetDecimal(ref reader, out value, out reason))
        {
            return false;
        }

        present++;
        return true;
    }
}
