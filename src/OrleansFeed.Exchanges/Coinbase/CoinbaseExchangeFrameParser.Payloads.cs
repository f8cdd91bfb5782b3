using OrleansFeed.Core.Quotes;
using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Coinbase.Messages;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Coinbase;

public sealed partial class CoinbaseExchangeFrameParser
{
    /// <summary><c>{"type":"snapshot","product_id","bids":[[p,s]],"asks":[[p,s]],"time"?}</c>: the full level2 book.</summary>
    private ParseStatus ParseSnapshot(ref Utf8JsonReader reader, Timestamp receiveTime, IMarketEventSink sink)
    {
        string? symbol = null;
        var levels = JsonLevelReader.Rent(256);
        var count = 0;
        var time = Timestamp.None;
        bool hasBids = false, hasAsks = false, ok = true;
        var reason = FrameRejectReason.Malformed;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("product_id"u8))
            {
                ok = JsonFieldReader.TryReadSymbol(ref reader, _symbols, out var s, out reason);
                symbol = ok ? s : null;
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                // Not in the 2021 recordings; read when a newer feed sends it.
                ok = TryReadTime(ref reader, out time, out reason);
            }
            else if (reader.ValueTextEquals("bids"u8))
            {
                ok = hasBids = JsonLevelReader.TryReadLevels(ref reader, BookSide.Bid, ref levels, ref count, Limits.MaxLevelsPerMessage, out reason);
            }
            else if (reader.ValueTextEquals("asks"u8))
            {
                ok = hasAsks = JsonLevelReader.TryReadLevels(ref reader, BookSide.Ask, ref levels, ref count, Limits.MaxLevelsPerMessage, out reason);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return Emit(BookEventKind.Snapshot, ok, hasBids && hasAsks, reason, symbol, levels, count, time, receiveTime, sink);
    }

    /// <summary><c>{"type":"l2update","product_id","changes":[["buy"|"sell",price,size]],"time"}</c>: new absolute sizes, 0 removes.</summary>
    private ParseStatus ParseUpdate(ref Utf8JsonReader reader, Timestamp receiveTime, IMarketEventSink sink)
    {
        string? symbol = null;
        var levels = JsonLevelReader.Rent();
        var count = 0;
        var time = Timestamp.None;
        bool hasChanges = false, ok = true;
        var reason = FrameRejectReason.Malformed;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("product_id"u8))
            {
                ok = JsonFieldReader.TryReadSymbol(ref reader, _symbols, out var s, out reason);
                symbol = ok ? s : null;
            }
            else if (reader.ValueTextEquals("changes"u8))
            {
                ok = hasChanges = TryReadChanges(ref reader, ref levels, ref count, out reason);
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                ok = TryReadTime(ref reader, out time, out reason);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return Emit(BookEventKind.Diff, ok, hasChanges, reason, symbol, levels, count, time, receiveTime, sink);
    }

    private static ParseStatus Emit(
        BookEventKind kind, bool ok, bool complete, FrameRejectReason reason, string? symbol, LevelUpdate[] levels, int count, Timestamp time, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (ok && (symbol is null || !complete))
        {
            ok = false;
            reason = FrameRejectReason.MissingField;
        }

        if (!ok)
        {
            ArrayPool<LevelUpdate>.Shared.Return(levels);
            return Reject(sink, reason, symbol);
        }

        sink.OnBookEvent(new BookEvent(kind, symbol!, 0, 0, -1, levels, count, time, receiveTime));
        return ParseStatus.Data;
    }

    private bool TryReadChanges(ref Utf8JsonReader reader, ref LevelUpdate[] levels, ref int count, out FrameRejectReason reason)
    {
        reason = FrameRejectReason.WrongFieldType;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reason = FrameRejectReason.WrongFieldType;
            if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            BookSide side;
            if (reader.ValueTextEquals("buy"u8))
            {
                side = BookSide.Bid;
            }
            else if (reader.ValueTextEquals("sell"u8))
            {
                side = BookSide.Ask;
            }
            else
            {
                reason = FrameRejectReason.InvalidLevel;
                return false;
            }

            if (!JsonLevelReader.TryReadDecimalElement(ref reader, out var price, out reason)
                || !JsonLevelReader.TryReadDecimalElement(ref reader, out var size, out reason))
            {
                return false;
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                reason = FrameRejectReason.Malformed;
                return false;
            }

            if (size.IsNegative || price.Mantissa <= 0)
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

            levels[count++] = new LevelUpdate(side, price, size);
        }

        reason = default;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary><c>match</c> / <c>last_match</c>: <c>trade_id</c>, <c>side</c> = the MAKER order's side, <c>size</c>, <c>price</c>, <c>product_id</c>, <c>time</c>.</summary>
    private ParseStatus ParseMatch(ref Utf8JsonReader reader, Timestamp receiveTime, IMarketEventSink sink)
    {
        string? symbol = null;
        long tradeId = -1;
        var time = Timestamp.None;
        FixedDecimal price = default, size = default;
        var makerSide = 0;
        bool hasPrice = false, hasSize = false, ok = true;
        var reason = FrameRejectReason.Malformed;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("product_id"u8))
            {
                ok = JsonFieldReader.TryReadSymbol(ref reader, _symbols, out var s, out reason);
                symbol = ok ? s : null;
            }
            else if (reader.ValueTextEquals("trade_id"u8))
            {
                ok = JsonFieldReader.TryReadInt64(ref reader, out tradeId, out reason);
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
                reader.Read();
                makerSide = reader.TokenType != JsonTokenType.String ? 0 : reader.ValueTextEquals("buy"u8) ? 1 : reader.ValueTextEquals("sell"u8) ? 2 : 0;
                ok = makerSide != 0;
                reason = FrameRejectReason.WrongFieldType;
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                ok = TryReadTime(ref reader, out time, out reason);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ok && (symbol is null || tradeId < 0 || !hasPrice || !hasSize))
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

        // The match's side is the maker's: a resting buy order filled means the taker sold.
        var aggressor = makerSide == 1 ? AggressorSide.Sell : AggressorSide.Buy;
        sink.OnTrade(symbol!, new Trade(tradeId, price, size, aggressor, time, receiveTime));
        return ParseStatus.Data;
    }

    /// <summary>
    /// <c>ticker</c>: <c>best_bid</c>, <c>best_ask</c> and (since 2022) <c>best_bid_size</c>, <c>best_ask_size</c>;
    /// <c>sequence</c> is the match's. Sizes are zero when the frame carries none (the 2021 recordings).
    /// </summary>
    private ParseStatus ParseTicker(ref Utf8JsonReader reader, Timestamp receiveTime, IMarketEventSink sink)
    {
        string? symbol = null;
        long sequence = 0;
        var time = Timestamp.None;
        FixedDecimal bid = default, bidSize = default, ask = default, askSize = default;
        bool hasBid = false, hasAsk = false, ok = true;
        var reason = FrameRejectReason.Malformed;
        while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("product_id"u8))
            {
                ok = JsonFieldReader.TryReadSymbol(ref reader, _symbols, out var s, out reason);
                symbol = ok ? s : null;
            }
            else if (reader.ValueTextEquals("sequence"u8))
            {
                ok = JsonFieldReader.TryReadInt64(ref reader, out sequence, out reason);
            }
            else if (reader.ValueTextEquals("best_bid"u8))
            {
                ok = hasBid = JsonLevelReader.TryReadDecimalElement(ref reader, out bid, out reason);
            }
            else if (reader.ValueTextEquals("best_ask"u8))
            {
                ok = hasAsk = JsonLevelReader.TryReadDecimalElement(ref reader, out ask, out reason);
            }
            else if (reader.ValueTextEquals("best_bid_size"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out bidSize, out reason);
            }
            else if (reader.ValueTextEquals("best_ask_size"u8))
            {
                ok = JsonLevelReader.TryReadDecimalElement(ref reader, out askSize, out reason);
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                ok = TryReadTime(ref reader, out time, out reason);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ok && (symbol is null || !hasBid || !hasAsk))
        {
            ok = false;
            reason = FrameRejectReason.MissingField;
        }

        if (!ok)
        {
            return Reject(sink, reason, symbol);
        }

        sink.OnBestBidOffer(symbol!, new BestBidOffer(sequence, bid, bidSize, ask, askSize, time, receiveTime));
        return ParseStatus.Data;
    }

    private static bool TryReadTime(ref Utf8JsonReader reader, out Timestamp time, out FrameRejectReason reason)
    {
        reader.Read();
        time = Timestamp.None;
        reason = FrameRejectReason.WrongFieldType;
        return reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && CoinbaseTime.TryParse(reader.ValueSpan, out time);
    }
}
