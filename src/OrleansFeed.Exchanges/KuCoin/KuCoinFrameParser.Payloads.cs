using OrleansFeed.Core.Quotes;
using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.KuCoin;

public sealed partial class KuCoinFrameParser
{
    /// <summary>
    /// <c>trade.l2update</c>: <c>{"sequenceStart","sequenceEnd","symbol","time"?,"changes":{"asks":[[p,s,seq]],"bids":[[p,s,seq]]}}</c>.
    /// Mapped to a diff with <see cref="BookEvent.FirstUpdateId"/> = <c>sequenceStart</c>,
    /// <see cref="BookEvent.LastUpdateId"/> = <c>sequenceEnd</c>, each change's sequence in <see cref="LevelUpdate.Sequence"/>.
    /// </summary>
    private ParseStatus ParseLevel2(ref Utf8JsonReader reader, string? topicSymbol, Timestamp receiveTime, IMarketEventSink sink)
    {
        var symbol = topicSymbol;
        long start = -1, end = -1, time = 0;
        bool hasAsks = false, hasBids = false;
        var levels = JsonLevelReader.Rent();
        var count = 0;
        var reason = FrameRejectReason.Malformed;
        var ok = true;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("symbol"u8))
            {
                ok = JsonFieldReader.TryReadSymbol(ref reader, _symbols, out var s, out reason);
                symbol = ok ? s : symbol;
            }
            else if (reader.ValueTextEquals("sequenceStart"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out start, out reason);
            }
            else if (reader.ValueTextEquals("sequenceEnd"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out end, out reason);
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out time, out reason);
            }
            else if (reader.ValueTextEquals("changes"u8))
            {
                reader.Read();
                ok = reader.TokenType == JsonTokenType.StartObject;
                reason = FrameRejectReason.WrongFieldType;
                while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("asks"u8))
                    {
                        ok = hasAsks = KuCoinLevelReader.TryReadChanges(ref reader, BookSide.Ask, ref levels, ref count, Limits.MaxLevelsPerMessage, out reason);
                    }
                    else if (reader.ValueTextEquals("bids"u8))
                    {
                        ok = hasBids = KuCoinLevelReader.TryReadChanges(ref reader, BookSide.Bid, ref levels, ref count, Limits.MaxLevelsPerMessage, out reason);
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
                reader.Read();
                reader.Skip();
            }
        }

        if (ok && (symbol is null || start < 0 || end < start || !hasAsks || !hasBids))
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
            BookEventKind.Diff, symbol!, start, end, -1, levels, count, time == 0 ? Timestamp.None : Timestamp.FromUnixMilliseconds(time), receiveTime));
        return ParseStatus.Data;
    }

    /// <summary>
    /// <c>trade.l3match</c>: <c>{"symbol","sequence","side","size","price","time"(ns string),"tradeId","makerOrderId","takerOrderId"}</c>.
    /// <c>side</c> is the taker side. <see cref="Trade.TradeId"/> is the match's numeric <c>sequence</c> (unique and
    /// increasing per symbol): KuCoin's <c>tradeId</c> is a 24-hex-digit object id that does not fit a number.
    /// </summary>
    private ParseStatus ParseMatch(ref Utf8JsonReader reader, string? topicSymbol, Timestamp receiveTime, IMarketEventSink sink)
    {
        var symbol = topicSymbol;
        long sequence = -1, timeNs = 0;
        FixedDecimal price = default, size = default;
        bool hasPrice = false, hasSize = false;
        var side = AggressorSide.Unknown;
        var reason = FrameRejectReason.Malformed;
        var ok = true;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("symbol"u8))
            {
                ok = JsonFieldReader.TryReadSymbol(ref reader, _symbols, out var s, out reason);
                symbol = ok ? s : symbol;
            }
            else if (reader.ValueTextEquals("sequence"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out sequence, out reason);
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out timeNs, out reason);
            }
            else if (reader.ValueTextEquals("price"u8))
            {
                ok = hasPrice = JsonLevelReader.TryReadDecimalElement(ref reader, out price, out reason);
            }
            else if (reader.ValueTextEquals("size"u8))
            {
                ok = hasSize = JsonLevelReader.TryReadDecimalElement(ref reader, out size, out reason);
            }
            else if (reader.ValueTextEquals("side"u8))
            {
                ok = JsonFieldReader.TryReadString(ref reader);
                reason = FrameRejectReason.WrongFieldType;
                side = !ok ? side : reader.ValueTextEquals("buy"u8) ? AggressorSide.Buy : reader.ValueTextEquals("sell"u8) ? AggressorSide.Sell : AggressorSide.Unknown;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ok && (symbol is null || sequence < 0 || !hasPrice || !hasSize || side == AggressorSide.Unknown))
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

        sink.OnTrade(symbol!, new Trade(sequence, price, size, side, Timestamp.FromUnixNanoseconds(timeNs), receiveTime));
        return ParseStatus.Data;
    }

    /// <summary>
    /// <c>trade.ticker</c>: <c>{"sequence","price","size","bestBid","bestBidSize","bestAsk","bestAskSize","time"|"Time"(ms)}</c>;
    /// the symbol is only in the topic (<c>/market/ticker:BTC-USDT</c>).
    /// </summary>
    private static ParseStatus ParseTicker(ref Utf8JsonReader reader, string? topicSymbol, bool topicSeen, Timestamp receiveTime, IMarketEventSink sink)
    {
        long sequence = 0, time = 0;
        FixedDecimal bid = default, bidSize = default, ask = default, askSize = default;
        var seen = 0;
        var reason = FrameRejectReason.Malformed;
        var ok = true;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("sequence"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out sequence, out reason);
            }
            else if (reader.ValueTextEquals("time"u8) || reader.ValueTextEquals("Time"u8))
            {
                ok = JsonFieldReader.TryReadInt64OrString(ref reader, out time, out reason);
            }
            else if (reader.ValueTextEquals("bestBid"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out bid, out reason);
                seen |= 1;
            }
            else if (reader.ValueTextEquals("bestBidSize"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out bidSize, out reason);
                seen |= 2;
            }
            else if (reader.ValueTextEquals("bestAsk"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out ask, out reason);
                seen |= 4;
            }
            else if (reader.ValueTextEquals("bestAskSize"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out askSize, out reason);
                seen |= 8;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ok && topicSymbol is null)
        {
            ok = false;
            reason = topicSeen ? FrameRejectReason.UnknownSymbol : FrameRejectReason.MissingField;
        }
        else if (ok && seen != 15)
        {
            ok = false;
            reason = FrameRejectReason.MissingField;
        }

        if (!ok)
        {
            return Reject(sink, reason, topicSymbol);
        }

        sink.OnBestBidOffer(topicSymbol!, new BestBidOffer(
            sequence, bid, bidSize, ask, askSize, time == 0 ? Timestamp.None : Timestamp.FromUnixMilliseconds(time), receiveTime));
        return ParseStatus.Data;
    }
}
