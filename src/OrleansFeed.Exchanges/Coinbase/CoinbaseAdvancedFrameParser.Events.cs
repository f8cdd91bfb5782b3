using OrleansFeed.Core.Quotes;
using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Coinbase.Messages;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Coinbase;

public sealed partial class CoinbaseAdvancedFrameParser
{
    /// <summary><c>l2_data</c> events: <c>{"type":"snapshot"|"update","product_id","updates":[{"side":"bid"|"offer","event_time","price_level","new_quantity"}]}</c>.</summary>
    private ParseStatus ParseLevel2Events(ref Utf8JsonReader reader, long sequence, Timestamp time, Timestamp receiveTime, IMarketEventSink sink)
    {
        var id = sequence < 0 ? 0 : sequence;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? symbol = null;
            var kind = (BookEventKind)byte.MaxValue;
            var levels = JsonLevelReader.Rent();
            var count = 0;
            bool hasUpdates = false, ok = true;
            var reason = FrameRejectReason.Malformed;
            while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    kind = reader.ValueTextEquals("snapshot"u8) ? BookEventKind.Snapshot : reader.ValueTextEquals("update"u8) ? BookEventKind.Diff : kind;
                }
                else if (reader.ValueTextEquals("product_id"u8))
                {
                    ok = JsonFieldReader.TryReadSymbol(ref reader, _symbols, out var s, out reason);
                    symbol = ok ? s : null;
                }
                else if (reader.ValueTextEquals("updates"u8))
                {
                    ok = hasUpdates = TryReadUpdates(ref reader, ref levels, ref count, out reason);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (ok && (symbol is null || !hasUpdates || kind == (BookEventKind)byte.MaxValue))
            {
                ok = false;
                reason = FrameRejectReason.MissingField;
            }

            if (!ok)
            {
                ArrayPool<LevelUpdate>.Shared.Return(levels);
                return Reject(sink, reason, symbol);
            }

            if (kind == BookEventKind.Snapshot)
            {
                RememberBook(symbol!);
            }

            sink.OnBookEvent(new BookEvent(kind, symbol!, id, id, -1, levels, count, time, receiveTime));
        }

        return reader.TokenType == JsonTokenType.EndArray ? ParseStatus.Data : Reject(sink, FrameRejectReason.Malformed, null);
    }

    private bool TryReadUpdates(ref Utf8JsonReader reader, ref LevelUpdate[] levels, ref int count, out FrameRejectReason reason)
    {
        reason = FrameRejectReason.WrongFieldType;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var side = 0;
            FixedDecimal price = default, size = default;
            bool hasPrice = false, hasSize = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("side"u8))
                {
                    reader.Read();
                    side = reader.ValueTextEquals("bid"u8) ? 1 : reader.ValueTextEquals("offer"u8) || reader.ValueTextEquals("ask"u8) ? 2 : -1;
                }
                else if (reader.ValueTextEquals("price_level"u8))
                {
                    if (!(hasPrice = JsonLevelReader.TryReadDecimalElement(ref reader, out price, out reason)))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("new_quantity"u8))
                {
                    if (!(hasSize = JsonLevelReader.TryReadDecimalElement(ref reader, out size, out reason)))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (side <= 0 || !hasPrice || !hasSize)
            {
                reason = side < 0 ? FrameRejectReason.InvalidLevel : FrameRejectReason.MissingField;
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

            levels[count++] = new LevelUpdate(side == 1 ? BookSide.Bid : BookSide.Ask, price, size);
        }

        reason = default;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>
    /// <c>market_trades</c> events: <c>{"type","trades":[{"trade_id","product_id","price","size","side","time"}]}</c>.
    /// <c>side</c> is the MAKER's side (§5), so the aggressor is the opposite. Snapshot events are skipped.
    /// </summary>
    private ParseStatus ParseTradeEvents(ref Utf8JsonReader reader, Timestamp receiveTime, IMarketEventSink sink)
    {
        var emitted = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var snapshot = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    snapshot = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("snapshot"u8);
                }
                else if (reader.ValueTextEquals("trades"u8) && !snapshot)
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        return Reject(sink, FrameRejectReason.WrongFieldType, null);
                    }

                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        if (!TryReadTrade(ref reader, receiveTime, sink, out var reason, out var symbol))
                        {
                            return Reject(sink, reason, symbol);
                        }

                        emitted = true;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        return emitted ? ParseStatus.Data : ParseStatus.Ignored;
    }

    private bool TryReadTrade(ref Utf8JsonReader reader, Timestamp receiveTime, IMarketEventSink sink, out FrameRejectReason reason, out string? symbol)
    {
        symbol = null;
        long tradeId = 0;
        var time = Timestamp.None;
        FixedDecimal price = default, size = default;
        var makerSide = 0;
        bool hasPrice = false, hasSize = false;
        reason = FrameRejectReason.MissingField;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("product_id"u8))
            {
                if (!JsonFieldReader.TryReadSymbol(ref reader, _symbols, out var s, out reason))
                {
                    return false;
                }

                symbol = s;
            }
            else if (reader.ValueTextEquals("trade_id"u8))
            {
                // A string of digits on Advanced Trade; anything else leaves the id 0 (ids are numeric-only in Trade).
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number)
                {
                    reader.TryGetInt64(out tradeId);
                }
                else if (reader.TokenType == JsonTokenType.String && !(Utf8Parser.TryParse(reader.ValueSpan, out tradeId, out var used) && used == reader.ValueSpan.Length))
                {
                    tradeId = 0;
                }
            }
            else if (reader.ValueTextEquals("price"u8))
            {
                if (!(hasPrice = JsonLevelReader.TryReadDecimalElement(ref reader, out price, out reason)))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("size"u8))
            {
                if (!(hasSize = JsonLevelReader.TryReadDecimalElement(ref reader, out size, out reason)))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("side"u8))
            {
                reader.Read();
                makerSide = reader.ValueTextEquals("BUY"u8) ? 1 : reader.ValueTextEquals("SELL"u8) ? 2 : 0;
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
                {
                    CoinbaseTime.TryParse(reader.ValueSpan, out time);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (symbol is null || !hasPrice || !hasSize || makerSide == 0)
        {
            reason = FrameRejectReason.MissingField;
            return false;
        }

        if (price.Mantissa <= 0 || size.Mantissa <= 0)
        {
            reason = FrameRejectReason.InvalidLevel;
            return false;
        }

        sink.OnTrade(symbol, new Trade(tradeId, price, size, makerSide == 1 ? AggressorSide.Sell : AggressorSide.Buy, time, receiveTime));
        return true;
    }

    /// <summary><c>ticker</c> events: <c>{"type","tickers":[{"product_id","best_bid","best_bid_quantity","best_ask","best_ask_quantity",…}]}</c> → BBO.</summary>
    private ParseStatus ParseTickerEvents(ref Utf8JsonReader reader, long sequence, Timestamp time, Timestamp receiveTime, IMarketEventSink sink)
    {
        var emitted = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("tickers"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    string? symbol = null;
                    FixedDecimal bid = default, bidSize = default, ask = default, askSize = default;
                    var seen = 0;
                    var reason = FrameRejectReason.MissingField;
                    var ok = true;
                    while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("product_id"u8))
                        {
                            ok = JsonFieldReader.TryReadSymbol(ref reader, _symbols, out var s, out reason);
                            symbol = ok ? s : null;
                        }
                        else if (reader.ValueTextEquals("best_bid"u8))
                        {
                            ok = JsonLevelReader.TryReadDecimalElement(ref reader, out bid, out reason);
                            seen |= 1;
                        }
                        else if (reader.ValueTextEquals("best_bid_quantity"u8))
                        {
                            ok = JsonLevelReader.TryReadDecimalElement(ref reader, out bidSize, out reason);
                            seen |= 2;
                        }
                        else if (reader.ValueTextEquals("best_ask"u8))
                        {
                            ok = JsonLevelReader.TryReadDecimalElement(ref reader, out ask, out reason);
                            seen |= 4;
                        }
                        else if (reader.ValueTextEquals("best_ask_quantity"u8))
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

                    if (!ok || symbol is null || seen != 15)
                    {
                        return Reject(sink, ok ? FrameRejectReason.MissingField : reason, symbol);
                    }

                    sink.OnBestBidOffer(symbol, new BestBidOffer(sequence, bid, bidSize, ask, askSize, time, receiveTime));
                    emitted = true;
                }
            }
        }

        return emitted ? ParseStatus.Data : ParseStatus.Ignored;
    }
}
