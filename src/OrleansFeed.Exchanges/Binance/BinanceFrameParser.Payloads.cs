using OrleansFeed.Core.Quotes;
using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Binance;

public sealed partial class BinanceFrameParser
{
    /// <summary><c>depthUpdate</c>: <c>{"e","E","T"?,"s","U","u","pu"?,"b":[[p,q]],"a":[[p,q]]}</c> (§1, §2).</summary>
    private ParseStatus ParseDepth(ref Utf8JsonReader reader, Timestamp receiveTime, IMarketEventSink sink)
    {
        string? symbol = null;
        long first = -1, last = -1, previous = -1, eventTime = 0;
        bool hasBids = false, hasAsks = false;
        var levels = JsonLevelReader.Rent();
        var count = 0;
        var reason = FrameRejectReason.Malformed;
        var ok = true;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("s"u8))
            {
                ok = JsonFieldReader.TryReadSymbol(ref reader, _symbols, out var s, out reason);
                symbol = ok ? s : null;
            }
            else if (reader.ValueTextEquals("U"u8))
            {
                ok = JsonFieldReader.TryReadInt64(ref reader, out first, out reason);
            }
            else if (reader.ValueTextEquals("u"u8))
            {
                ok = JsonFieldReader.TryReadInt64(ref reader, out last, out reason);
            }
            else if (reader.ValueTextEquals("pu"u8))
            {
                ok = JsonFieldReader.TryReadInt64(ref reader, out previous, out reason);
            }
            else if (reader.ValueTextEquals("E"u8))
            {
                ok = JsonFieldReader.TryReadInt64(ref reader, out eventTime, out reason);
            }
            else if (reader.ValueTextEquals("b"u8))
            {
                ok = hasBids = JsonLevelReader.TryReadLevels(ref reader, BookSide.Bid, ref levels, ref count, Limits.MaxLevelsPerMessage, out reason);
            }
            else if (reader.ValueTextEquals("a"u8))
            {
                ok = hasAsks = JsonLevelReader.TryReadLevels(ref reader, BookSide.Ask, ref levels, ref count, Limits.MaxLevelsPerMessage, out reason);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ok && (symbol is null || first < 0 || last < first || !hasBids || !hasAsks))
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
            BookEventKind.Diff, symbol!, first, last, previous, levels, count, Timestamp.FromUnixMilliseconds(eventTime), receiveTime));
        return ParseStatus.Data;
    }

    /// <summary><c>aggTrade</c> (<c>a</c> id) or <c>trade</c> (<c>t</c> id): <c>p</c>, <c>q</c>, <c>T</c>, <c>m</c> (§1).</summary>
    private ParseStatus ParseTrade(ref Utf8JsonReader reader, Messages.BinanceStreamKind kind, Timestamp receiveTime, IMarketEventSink sink)
    {
        string? symbol = null;
        long id = -1, tradeTime = 0, eventTime = 0;
        FixedDecimal price = default, size = default;
        bool hasPrice = false, hasSize = false, hasMaker = false, buyerIsMaker = false;
        var idField = kind == Messages.BinanceStreamKind.AggTrade ? "a"u8 : "t"u8;
        var reason = FrameRejectReason.Malformed;
        var ok = true;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("s"u8))
            {
                ok = JsonFieldReader.TryReadSymbol(ref reader, _symbols, out var s, out reason);
                symbol = ok ? s : null;
            }
            else if (reader.ValueTextEquals(idField))
            {
                ok = JsonFieldReader.TryReadInt64(ref reader, out id, out reason);
            }
            else if (reader.ValueTextEquals("p"u8))
            {
                ok = hasPrice = JsonLevelReader.TryReadDecimalElement(ref reader, out price, out reason);
            }
            else if (reader.ValueTextEquals("q"u8))
            {
                ok = hasSize = JsonLevelReader.TryReadDecimalElement(ref reader, out size, out reason);
            }
            else if (reader.ValueTextEquals("T"u8))
            {
                ok = JsonFieldReader.TryReadInt64(ref reader, out tradeTime, out reason);
            }
            else if (reader.ValueTextEquals("E"u8))
            {
                ok = JsonFieldReader.TryReadInt64(ref reader, out eventTime, out reason);
            }
            else if (reader.ValueTextEquals("m"u8))
            {
                reader.Read();
                hasMaker = reader.TokenType is JsonTokenType.True or JsonTokenType.False;
                buyerIsMaker = reader.TokenType == JsonTokenType.True;
                ok = hasMaker;
                reason = FrameRejectReason.WrongFieldType;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ok && (symbol is null || id < 0 || !hasPrice || !hasSize || !hasMaker))
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

        // m = buyer is the maker, so the taker (aggressor) sold (§1 Pitfalls).
        var trade = new Trade(
            id,
            price,
            size,
            buyerIsMaker ? AggressorSide.Sell : AggressorSide.Buy,
            Timestamp.FromUnixMilliseconds(tradeTime != 0 ? tradeTime : eventTime),
            receiveTime);
        sink.OnTrade(symbol!, trade);
        return ParseStatus.Data;
    }

    /// <summary><c>bookTicker</c>: <c>{"u","s","b","B","a","A"}</c>, futures add <c>e</c>, <c>E</c>, <c>T</c> (§1, §2).</summary>
    private ParseStatus ParseBookTicker(ref Utf8JsonReader reader, Timestamp receiveTime, IMarketEventSink sink)
    {
        string? symbol = null;
        long updateId = -1, eventTime = 0;
        FixedDecimal bid = default, bidSize = default, ask = default, askSize = default;
        var seen = 0;
        var reason = FrameRejectReason.Malformed;
        var ok = true;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("s"u8))
            {
                ok = JsonFieldReader.TryReadSymbol(ref reader, _symbols, out var s, out reason);
                symbol = ok ? s : null;
            }
            else if (reader.ValueTextEquals("u"u8))
            {
                ok = JsonFieldReader.TryReadInt64(ref reader, out updateId, out reason);
            }
            else if (reader.ValueTextEquals("E"u8))
            {
                ok = JsonFieldReader.TryReadInt64(ref reader, out eventTime, out reason);
            }
            else if (reader.ValueTextEquals("b"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out bid, out reason);
                seen |= 1;
            }
            else if (reader.ValueTextEquals("B"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out bidSize, out reason);
                seen |= 2;
            }
            else if (reader.ValueTextEquals("a"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out ask, out reason);
                seen |= 4;
            }
            else if (reader.ValueTextEquals("A"u8))
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

        if (ok && (symbol is null || seen != 15))
        {
            ok = false;
            reason = FrameRejectReason.MissingField;
        }

        if (!ok)
        {
            return Reject(sink, reason, symbol);
        }

        sink.OnBestBidOffer(symbol!, new BestBidOffer(
            updateId, bid, bidSize, ask, askSize, eventTime == 0 ? Timestamp.None : Timestamp.FromUnixMilliseconds(eventTime), receiveTime));
        return ParseStatus.Data;
    }
}
