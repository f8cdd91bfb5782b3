using OrleansFeed.Core.Quotes;
using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Bitfinex.Messages;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Bitfinex;

public sealed partial class BitfinexFrameParser
{
    /// <summary><c>[chanId, payload, seq?]</c>: the payload is read first, then the sequence is checked, then events are emitted.</summary>
    private ParseStatus ParseChannelFrame(ref Utf8JsonReader reader, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var chanId) || !reader.Read())
        {
            return Reject(sink, FrameRejectReason.Malformed, null);
        }

        var known = _channels.TryGetValue(chanId, out var channel);
        var symbol = known && channel.Kind != BitfinexChannelKind.Other ? channel.Symbol : null;
        var payload = BitfinexPayload.Ignored;
        LevelUpdate[]? levels = null;
        var count = 0;
        uint checksum = 0;
        Trade trade = default;
        BestBidOffer bbo = default;
        VenueTicker24h? daily = null;
        var reason = FrameRejectReason.Malformed;
        var ok = true;
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("hb"u8))
            {
                payload = BitfinexPayload.Heartbeat;
            }
            else if (reader.ValueTextEquals("cs"u8))
            {
                payload = BitfinexPayload.Checksum;
                ok = reader.Read() && TryReadChecksum(ref reader, out checksum);
                reason = FrameRejectReason.WrongFieldType;
            }
            else if (reader.ValueTextEquals("te"u8))
            {
                payload = BitfinexPayload.Trade;
                ok = TryReadTrade(ref reader, receiveTime, out trade, out reason);
            }
            else if (reader.ValueTextEquals("tu"u8))
            {
                // The same trade as its "te", re-sent; only "te" is used.
                reader.Read();
                reader.Skip();
            }
            else
            {
                ok = false;
                reason = FrameRejectReason.UnknownType;
            }
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            switch (known ? channel.Kind : BitfinexChannelKind.Other)
            {
                case BitfinexChannelKind.Book:
                    levels = JsonLevelReader.Rent();
                    ok = TryReadBook(ref reader, ref levels, ref count, out var snapshot, out reason);
                    payload = snapshot ? BitfinexPayload.BookSnapshot : BitfinexPayload.BookUpdate;
                    break;
                case BitfinexChannelKind.Ticker:
                    payload = BitfinexPayload.Ticker;
                    ok = TryReadTicker(ref reader, receiveTime, out bbo, out daily, out reason);
                    break;
                default:
                    // Trade history snapshot, unused channels, or data on a channel we never saw subscribed.
                    payload = known ? BitfinexPayload.Ignored : BitfinexPayload.UnknownChannel;
                    reader.Skip();
                    break;
            }
        }
        else
        {
            ok = false;
            reason = FrameRejectReason.WrongFieldType;
        }

        long sequence = -1;
        while (ok && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            // SEQ_ALL appends the sequence; anything after it (e.g. a TIMESTAMP flag) is skipped.
            if (sequence < 0 && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var s))
            {
                sequence = s;
            }
            else
            {
                reader.Skip();
            }
        }

        if (!ok || reader.TokenType != JsonTokenType.EndArray)
        {
            if (levels is not null)
            {
                ArrayPool<LevelUpdate>.Shared.Return(levels);
            }

            return Reject(sink, ok ? FrameRejectReason.Malformed : reason, symbol);
        }

        if (sequence >= 0)
        {
            CheckSequence(sequence, receiveTime, sink);
        }

        return Emit(payload, known ? channel.Kind : BitfinexChannelKind.Other, symbol, sequence, levels, count, checksum, trade, bbo, daily, receiveTime, sink);
    }

    private ParseStatus Emit(
        BitfinexPayload payload, BitfinexChannelKind channelKind, string? symbol, long sequence, LevelUpdate[]? levels, int count, uint checksum, in Trade trade, in BestBidOffer bbo, in VenueTicker24h? daily, Timestamp receiveTime, IMarketEventSink sink)
    {
        var id = Math.Max(0, sequence);
        switch (payload)
        {
            case BitfinexPayload.Heartbeat:
                return ParseStatus.Control;
            case BitfinexPayload.BookSnapshot:
            case BitfinexPayload.BookUpdate:
                var kind = payload == BitfinexPayload.BookSnapshot ? BookEventKind.Snapshot : BookEventKind.Diff;
                sink.OnBookEvent(new BookEvent(kind, symbol!, id, id, -1, levels, count, Timestamp.None, receiveTime));
                return ParseStatus.Data;
            case BitfinexPayload.Checksum when channelKind == BitfinexChannelKind.Book:
                // A level-less diff carrying the checksum: the sync verifies the book as it stands after the previous frames.
                sink.OnBookEvent(new BookEvent(BookEventKind.Diff, symbol!, id, id, -1, null, 0, Timestamp.None, receiveTime) { Checksum = checksum });
                return ParseStatus.Data;
            case BitfinexPayload.Trade when channelKind == BitfinexChannelKind.Trades:
                sink.OnTrade(symbol!, trade);
                return ParseStatus.Data;
            case BitfinexPayload.Ticker:
                sink.OnBestBidOffer(symbol!, bbo with { UpdateId = id });
                if (daily is { } d)
                {
                    sink.OnVenueTicker(symbol!, d);
                }

                return ParseStatus.Data;
            case BitfinexPayload.UnknownChannel:
            case BitfinexPayload.Trade:
                return Reject(sink, FrameRejectReason.UnknownSymbol, null);
            default:
                return ParseStatus.Ignored;
        }
    }

    /// <summary>
    /// Book payload, reader on its <c>[</c>: a snapshot <c>[[price,count,amount],…]</c> (possibly empty) or one update
    /// <c>[price,count,amount]</c>.
    /// </summary>
    private bool TryReadBook(ref Utf8JsonReader reader, ref LevelUpdate[] levels, ref int count, out bool snapshot, out FrameRejectReason reason)
    {
        var peek = reader;
        peek.Read();
        snapshot = peek.TokenType is JsonTokenType.StartArray or JsonTokenType.EndArray;
        if (!snapshot)
        {
            if (!TryReadLevel(ref reader, out levels[0], out reason))
            {
                return false;
            }

            count = 1;
            return true;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            if (!TryReadLevel(ref reader, out var level, out reason))
            {
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

            levels[count++] = level;
        }

        reason = FrameRejectReason.Malformed;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary><c>[price,count,amount]</c>, reader on its <c>[</c>, left on its <c>]</c>.</summary>
    private static bool TryReadLevel(ref Utf8JsonReader reader, out LevelUpdate level, out FrameRejectReason reason)
    {
        level = default;
        if (!JsonLevelReader.TryReadDecimalElement(ref reader, out var price, out reason))
        {
            return false;
        }

        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var orders))
        {
            reason = FrameRejectReason.WrongFieldType;
            return false;
        }

        if (!JsonLevelReader.TryReadDecimalElement(ref reader, out var amount, out reason) || !SkipToEnd(ref reader))
        {
            reason = reason == default ? FrameRejectReason.Malformed : reason;
            return false;
        }

        reason = FrameRejectReason.InvalidLevel;
        if (price.Mantissa <= 0 || orders < 0 || amount.IsZero)
        {
            return false;
        }

        if (orders == 0)
        {
            // Removal: amount 1 names the bid side, -1 the ask side.
            level = new LevelUpdate(amount.IsNegative ? BookSide.Ask : BookSide.Bid, price, FixedDecimal.Zero);
            return true;
        }

        level = amount.IsNegative
            ? new LevelUpdate(BookSide.Ask, price, new FixedDecimal(-amount.Mantissa, amount.Scale))
            : new LevelUpdate(BookSide.Bid, price, amount);
        return true;
    }

    /// <summary><c>"te",[ID,MTS,AMOUNT,PRICE]</c>: amount &gt; 0 = the taker bought.</summary>
    private static bool TryReadTrade(ref Utf8JsonReader reader, Timestamp receiveTime, out Trade trade, out FrameRejectReason reason)
    {
        trade = default;
        reason = FrameRejectReason.WrongFieldType;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray
            || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var id)
            || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var milliseconds))
        {
            return false;
        }

        if (!JsonLevelReader.TryReadDecimalElement(ref reader, out var amount, out reason)
            || !JsonLevelReader.TryReadDecimalElement(ref reader, out var price, out reason)
            || !SkipToEnd(ref reader))
        {
            reason = reason == default ? FrameRejectReason.Malformed : reason;
            return false;
        }

        if (price.Mantissa <= 0 || amount.IsZero)
        {
            reason = FrameRejectReason.InvalidLevel;
            return false;
        }

        var size = amount.IsNegative ? new FixedDecimal(-amount.Mantissa, amount.Scale) : amount;
        trade = new Trade(id, price, size, amount.IsNegative ? AggressorSide.Sell : AggressorSide.Buy, Timestamp.FromUnixMilliseconds(milliseconds), receiveTime);
        return true;
    }

    /// <summary>Trading-pair ticker <c>[BID,BID_SIZE,ASK,ASK_SIZE,DAILY_CHANGE,…]</c>, reader on its <c>[</c>.</summary>
    /// <summary>
    /// Trading-pair ticker <c>[BID, BID_SIZE, ASK, ASK_SIZE, DAILY_CHANGE, DAILY_CHANGE_RELATIVE, LAST_PRICE, VOLUME,
    /// HIGH, LOW]</c>: the BBO from the first four, and the venue's 24 h figures from the rest (open = LAST_PRICE −
    /// DAILY_CHANGE). The 24 h part is optional: when a field is missing or not an exact decimal only the BBO is given.
    /// </summary>
    private static bool TryReadTicker(ref Utf8JsonReader reader, Timestamp receiveTime, out BestBidOffer bbo, out VenueTicker24h? daily, out FrameRejectReason reason)
    {
        bbo = default;
        daily = null;
        if (!JsonLevelReader.TryReadDecimalElement(ref reader, out var bid, out reason)
            || !JsonLevelReader.TryReadDecimalElement(ref reader, out var bidSize, out reason)
            || !JsonLevelReader.TryReadDecimalElement(ref reader, out var ask, out reason)
            || !JsonLevelReader.TryReadDecimalElement(ref reader, out var askSize, out reason))
        {
            reason = reason == default ? FrameRejectReason.Malformed : reason;
            return false;
        }

        // Read ahead on a copy: the frame stays valid (BBO) even when the 24 h fields do not parse.
        var ahead = reader;
        if (JsonLevelReader.TryReadDecimalElement(ref ahead, out var change, out _)
            && JsonLevelReader.TryReadDecimalElement(ref ahead, out _, out _)
            && JsonLevelReader.TryReadDecimalElement(ref ahead, out var last, out _)
            && JsonLevelReader.TryReadDecimalElement(ref ahead, out var volume, out _)
            && JsonLevelReader.TryReadDecimalElement(ref ahead, out var high, out _)
            && JsonLevelReader.TryReadDecimalElement(ref ahead, out var low, out _)
            && FixedDecimal.TryFromDecimal(last.ToDecimal() - change.ToDecimal(), out var open))
        {
            daily = new VenueTicker24h(open, high, low, last, volume, Timestamp.None, receiveTime);
        }

        if (!SkipToEnd(ref reader))
        {
            reason = reason == default ? FrameRejectReason.Malformed : reason;
            return false;
        }

        bbo = new BestBidOffer(0, bid, bidSize, ask, askSize.IsNegative ? new FixedDecimal(-askSize.Mantissa, askSize.Scale) : askSize, Timestamp.None, receiveTime);
        return true;
    }

    private static bool TryReadChecksum(ref Utf8JsonReader reader, out uint checksum)
    {
        checksum = 0;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value) || value < int.MinValue || value > uint.MaxValue)
        {
            return false;
        }

        // Sent as a signed 32-bit integer; compared as the unsigned CRC bits.
        checksum = unchecked((uint)value);
        return true;
    }

    /// <summary>Skips the remaining elements of the current array; true when its <c>]</c> was reached.</summary>
    private static bool SkipToEnd(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }
}
