using OrleansFeed.Core.Quotes;
using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Kraken;

public sealed partial class KrakenFrameParser
{
    /// <summary>A v2 channel message <c>{"channel":…,"type":"snapshot"|"update","data":[…]}</c>.</summary>
    private ParseStatus ParseV2Channel(Utf8JsonReader start, KrakenChannel channel, Timestamp receiveTime, IMarketEventSink sink)
    {
        switch (channel)
        {
            case KrakenChannel.Control:
                return ParseStatus.Control;
            case KrakenChannel.Ignored:
                return ParseStatus.Ignored;
            case KrakenChannel.Unknown:
                return Reject(sink, FrameRejectReason.UnknownType, null);
        }

        // The type may follow the data: find it first on a copy of the reader.
        var reader = start;
        var snapshot = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                snapshot = reader.ValueTextEquals("snapshot"u8);
            }

            reader.Skip();
        }

        reader = start;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return Reject(sink, FrameRejectReason.WrongFieldType, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var status = channel switch
                {
                    KrakenChannel.Book => ParseV2Book(ref reader, snapshot, receiveTime, sink),
                    KrakenChannel.Trade => ParseV2Trade(ref reader, receiveTime, sink),
                    _ => ParseV2Ticker(ref reader, receiveTime, sink),
                };
                if (status == ParseStatus.Rejected)
                {
                    return status;
                }
            }

            return reader.TokenType == JsonTokenType.EndArray ? ParseStatus.Data : Reject(sink, FrameRejectReason.Malformed, null);
        }

        return Reject(sink, FrameRejectReason.MissingField, null);
    }

    /// <summary>One book item <c>{"symbol","bids":[{"price","qty"}],"asks":[…],"checksum","timestamp"}</c>.</summary>
    private ParseStatus ParseV2Book(ref Utf8JsonReader reader, bool snapshot, Timestamp receiveTime, IMarketEventSink sink)
    {
        var levels = JsonLevelReader.Rent();
        var count = 0;
        string? symbol = null;
        uint? checksum = null;
        var time = Timestamp.None;
        var ok = true;
        var reason = FrameRejectReason.Malformed;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("symbol"u8))
            {
                reader.Read();
                ok = TryReadPair(ref reader, out var s, out reason);
                symbol = ok ? s : null;
            }
            else if (reader.ValueTextEquals("bids"u8))
            {
                ok = KrakenLevelReader.TryReadV2(ref reader, BookSide.Bid, ref levels, ref count, Limits.MaxLevelsPerMessage, out reason);
            }
            else if (reader.ValueTextEquals("asks"u8))
            {
                ok = KrakenLevelReader.TryReadV2(ref reader, BookSide.Ask, ref levels, ref count, Limits.MaxLevelsPerMessage, out reason);
            }
            else if (reader.ValueTextEquals("checksum"u8))
            {
                reader.Read();
                ok = TryParseChecksum(ref reader, out var value);
                checksum = value;
                reason = FrameRejectReason.WrongFieldType;
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                ok = reader.TokenType == JsonTokenType.String && KrakenTimestamps.TryParseRfc3339(reader.ValueSpan, out time);
                reason = FrameRejectReason.WrongFieldType;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ok && symbol is null)
        {
            ok = false;
            reason = FrameRejectReason.MissingField;
        }

        if (!ok)
        {
            ArrayPool<LevelUpdate>.Shared.Return(levels);
            return Reject(sink, reason, symbol);
        }

        var state = State(symbol!);
        var number = ++state.BookMessages;
        sink.OnBookEvent(new BookEvent(snapshot ? BookEventKind.Snapshot : BookEventKind.Diff, symbol!, state.Depth, number, -1, levels, count, time, receiveTime)
        {
            Checksum = checksum,
        });
        return ParseStatus.Data;
    }

    /// <summary>One trade <c>{"symbol","side":"buy"|"sell","price","qty","ord_type","trade_id","timestamp"}</c>; side is the taker's.</summary>
    private ParseStatus ParseV2Trade(ref Utf8JsonReader reader, Timestamp receiveTime, IMarketEventSink sink)
    {
        string? symbol = null;
        FixedDecimal price = default, size = default;
        var side = AggressorSide.Unknown;
        long tradeId = 0;
        var time = Timestamp.None;
        var seen = 0;
        var ok = true;
        var reason = FrameRejectReason.WrongFieldType;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("symbol"u8))
            {
                reader.Read();
                ok = TryReadPair(ref reader, out var s, out reason);
                symbol = ok ? s : null;
            }
            else if (reader.ValueTextEquals("price"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out price, out reason);
                seen |= 1;
            }
            else if (reader.ValueTextEquals("qty"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out size, out reason);
                seen |= 2;
            }
            else if (reader.ValueTextEquals("side"u8))
            {
                reader.Read();
                side = reader.TokenType != JsonTokenType.String ? AggressorSide.Unknown
                    : reader.ValueTextEquals("buy"u8) ? AggressorSide.Buy
                    : reader.ValueTextEquals("sell"u8) ? AggressorSide.Sell : AggressorSide.Unknown;
            }
            else if (reader.ValueTextEquals("trade_id"u8))
            {
                reader.Read();
                ok = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out tradeId);
                reason = FrameRejectReason.WrongFieldType;
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                ok = reader.TokenType == JsonTokenType.String && KrakenTimestamps.TryParseRfc3339(reader.ValueSpan, out time);
                reason = FrameRejectReason.WrongFieldType;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ok && (symbol is null || seen != 3))
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

        sink.OnTrade(symbol!, new Trade(tradeId, price, size, side, time, receiveTime));
        return ParseStatus.Data;
    }

    /// <summary>One ticker item <c>{"symbol","bid","bid_qty","ask","ask_qty","last","volume","low","high","change",…}</c>: the venue's best bid/offer and its rolling 24 h figures (open = last − change).</summary>
    private ParseStatus ParseV2Ticker(ref Utf8JsonReader reader, Timestamp receiveTime, IMarketEventSink sink)
    {
        string? symbol = null;
        FixedDecimal bid = default, bidSize = default, ask = default, askSize = default;
        var time = Timestamp.None;
        FixedDecimal? last = null, volume = null, high = null, low = null, change = null;
        var seen = 0;
        var ok = true;
        var reason = FrameRejectReason.WrongFieldType;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("symbol"u8))
            {
                reader.Read();
                ok = TryReadPair(ref reader, out var s, out reason);
                symbol = ok ? s : null;
            }
            else if (reader.ValueTextEquals("bid"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out bid, out reason);
                seen |= 1;
            }
            else if (reader.ValueTextEquals("bid_qty"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out bidSize, out reason);
                seen |= 2;
            }
            else if (reader.ValueTextEquals("ask"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out ask, out reason);
                seen |= 4;
            }
            else if (reader.ValueTextEquals("ask_qty"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out askSize, out reason);
                seen |= 8;
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                ok = reader.TokenType == JsonTokenType.String && KrakenTimestamps.TryParseRfc3339(reader.ValueSpan, out time);
                reason = FrameRejectReason.WrongFieldType;
            }
            else if (reader.ValueTextEquals("last"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out var v, out reason);
                last = v;
            }
            else if (reader.ValueTextEquals("volume"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out var v, out reason);
                volume = v;
            }
            else if (reader.ValueTextEquals("high"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out var v, out reason);
                high = v;
            }
            else if (reader.ValueTextEquals("low"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out var v, out reason);
                low = v;
            }
            else if (reader.ValueTextEquals("change"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out var v, out reason);
                change = v;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ok && (symbol is null || seen != 15))
        {
            ok = false;
            reason = FrameRejectReason.MissingField;
        }

        if (!ok)
        {
            return Reject(sink, reason, symbol);
        }

        sink.OnBestBidOffer(symbol!, new BestBidOffer(0, bid, bidSize, ask, askSize, time, receiveTime));
        if (last is { } l)
        {
            // v2 gives no open: the 24 h change is last − open.
            FixedDecimal? open = change is { } c && FixedDecimal.TryFromDecimal(l.ToDecimal() - c.ToDecimal(), out var o) ? o : null;
            sink.OnVenueTicker(symbol!, new VenueTicker24h(open, high, low, l, volume, time, receiveTime));
        }

        return ParseStatus.Data;
    }

    /// <summary>
    /// A v2 method reply. A successful book subscribe ack
    /// (<c>{"method":"subscribe","result":{"channel":"book","depth":10,"symbol":"BTC/USD",…},"success":true}</c>)
    /// records the pair's depth for trimming; everything else (pong, unsubscribe, errors) is control.
    /// </summary>
    private ParseStatus OnMethodReply(Utf8JsonReader reader)
    {
        bool subscribe = false, success = false, book = false;
        var depth = 0;
        string? symbol = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("method"u8))
            {
                reader.Read();
                subscribe = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("subscribe"u8);
            }
            else if (reader.ValueTextEquals("success"u8))
            {
                reader.Read();
                success = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("channel"u8))
                    {
                        reader.Read();
                        book = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("book"u8);
                    }
                    else if (reader.ValueTextEquals("depth"u8))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out depth))
                        {
                            depth = 0;
                        }
                    }
                    else if (reader.ValueTextEquals("symbol"u8))
                    {
                        reader.Read();
                        symbol = reader.TokenType == JsonTokenType.String && TryGetPair(reader.ValueSpan, out var s) ? s : null;
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

        if (subscribe && success && book && depth > 0 && symbol is not null)
        {
            State(symbol).Depth = depth;
        }

        return ParseStatus.Control;
    }
}
