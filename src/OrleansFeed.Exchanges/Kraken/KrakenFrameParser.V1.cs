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
    /// <summary>
    /// A v1 data frame <c>[channelID, payload…, channelName, pair]</c>. The names follow the payload, so a first pass
    /// (a copy of the reader) finds them and a second pass parses the payload; both run over the frame bytes.
    /// </summary>
    private ParseStatus ParseV1Array(ref Utf8JsonReader reader, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var channelId))
        {
            return Reject(sink, FrameRejectReason.Malformed, null);
        }

        Utf8JsonReader payload = default;
        var payloads = 0;
        var strings = 0;
        ReadOnlySpan<byte> name = default, pair = default;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (payloads++ == 0)
                {
                    payload = reader;
                }

                reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
            {
                if (strings == 0)
                {
                    name = reader.ValueSpan;
                }
                else if (strings == 1)
                {
                    pair = reader.ValueSpan;
                }

                strings++;
            }
            else
            {
                return Reject(sink, FrameRejectReason.Malformed, null);
            }
        }

        if (reader.TokenType != JsonTokenType.EndArray || payloads == 0)
        {
            return Reject(sink, FrameRejectReason.Malformed, null);
        }

        KrakenChannel channel;
        int depth;
        string symbol;
        if (strings >= 2)
        {
            channel = KrakenChannels.FromV1Name(name, out depth);
            if (!TryGetPair(pair, out symbol))
            {
                return Reject(sink, FrameRejectReason.UnknownSymbol, null);
            }
        }
        else if (_channels.TryGetValue(channelId, out var known))
        {
            (symbol, channel, depth) = known;
        }
        else
        {
            return Reject(sink, FrameRejectReason.MissingField, null);
        }

        return channel switch
        {
            KrakenChannel.Book => ParseV1Book(ref payload, symbol, depth, receiveTime, sink),
            KrakenChannel.Trade => ParseV1Trades(ref payload, symbol, receiveTime, sink),
            KrakenChannel.Ticker => ParseV1Ticker(ref payload, symbol, receiveTime, sink),
            KrakenChannel.Ignored => ParseStatus.Ignored,
            _ => Reject(sink, FrameRejectReason.UnknownType, symbol),
        };
    }

    /// <summary>Book payload objects: snapshot <c>{"as":[…],"bs":[…]}</c>, or update objects <c>{"a":[…]}</c>, <c>{"b":[…],"c":"…"}</c>.</summary>
    private ParseStatus ParseV1Book(ref Utf8JsonReader reader, string symbol, int depth, Timestamp receiveTime, IMarketEventSink sink)
    {
        var levels = JsonLevelReader.Rent();
        var count = 0;
        bool snapshot = false, update = false, ok = true;
        uint? checksum = null;
        var latest = Timestamp.None;
        var reason = FrameRejectReason.Malformed;
        while (ok && reader.TokenType == JsonTokenType.StartObject)
        {
            while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("as"u8) || reader.ValueTextEquals("a"u8))
                {
                    snapshot |= reader.ValueSpan.Length == 2;
                    update |= reader.ValueSpan.Length == 1;
                    ok = KrakenLevelReader.TryReadV1(ref reader, BookSide.Ask, ref levels, ref count, Limits.MaxLevelsPerMessage, ref latest, out reason);
                }
                else if (reader.ValueTextEquals("bs"u8) || reader.ValueTextEquals("b"u8))
                {
                    snapshot |= reader.ValueSpan.Length == 2;
                    update |= reader.ValueSpan.Length == 1;
                    ok = KrakenLevelReader.TryReadV1(ref reader, BookSide.Bid, ref levels, ref count, Limits.MaxLevelsPerMessage, ref latest, out reason);
                }
                else if (reader.ValueTextEquals("c"u8))
                {
                    reader.Read();
                    ok = TryParseChecksum(ref reader, out var value);
                    checksum = value;
                    reason = FrameRejectReason.WrongFieldType;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // On the object's end: the next token is another payload object or the channel name.
            ok = ok && reader.TokenType == JsonTokenType.EndObject && reader.Read();
        }

        if (ok && snapshot == update)
        {
            ok = false;
            reason = FrameRejectReason.Malformed;
        }

        if (!ok)
        {
            ArrayPool<LevelUpdate>.Shared.Return(levels);
            return Reject(sink, reason, symbol);
        }

        var state = State(symbol);
        var number = ++state.BookMessages;
        sink.OnBookEvent(new BookEvent(snapshot ? BookEventKind.Snapshot : BookEventKind.Diff, symbol, depth, number, -1, levels, count, latest, receiveTime)
        {
            Checksum = checksum,
        });
        return ParseStatus.Data;
    }

    /// <summary>Trades <c>[["price","volume","time","side","orderType","misc"], …]</c>; side <c>b</c>/<c>s</c> is the taker's.</summary>
    private static ParseStatus ParseV1Trades(ref Utf8JsonReader reader, string symbol, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Reject(sink, FrameRejectReason.WrongFieldType, symbol);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            if (!JsonLevelReader.TryReadDecimalElement(ref reader, out var price, out var reason)
                || !JsonLevelReader.TryReadDecimalElement(ref reader, out var size, out reason))
            {
                return Reject(sink, reason, symbol);
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.String || !KrakenTimestamps.TryParseSeconds(reader.ValueSpan, out var time))
            {
                return Reject(sink, FrameRejectReason.WrongFieldType, symbol);
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return Reject(sink, FrameRejectReason.WrongFieldType, symbol);
            }

            var side = reader.ValueTextEquals("b"u8) ? AggressorSide.Buy : reader.ValueTextEquals("s"u8) ? AggressorSide.Sell : AggressorSide.Unknown;

            // orderType, misc, and (later v1 versions) a numeric trade id as the 7th element.
            long tradeId = 0;
            var index = 4;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (index++ == 6 && reader.TokenType == JsonTokenType.Number)
                {
                    reader.TryGetInt64(out tradeId);
                }

                reader.Skip();
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                return Reject(sink, FrameRejectReason.Malformed, symbol);
            }

            if (price.Mantissa <= 0 || size.Mantissa <= 0)
            {
                return Reject(sink, FrameRejectReason.InvalidLevel, symbol);
            }

            sink.OnTrade(symbol, new Trade(tradeId, price, size, side, time, receiveTime));
        }

        return reader.TokenType == JsonTokenType.EndArray ? ParseStatus.Data : Reject(sink, FrameRejectReason.Malformed, symbol);
    }

    /// <summary>
    /// Ticker <c>{"a":[price, wholeLotVolume, lotVolume], "b":[…], "c":[price, lotVolume], "v":[today, last24Hours],
    /// "l":[…], "h":[…], "o":[today, last24Hours], …}</c>: the best ask and bid, and the venue's rolling 24 h figures
    /// (<c>o[1]</c>, <c>h[1]</c>, <c>l[1]</c>, <c>c[0]</c>, <c>v[1]</c>) when <c>c</c> is present.
    /// </summary>
    private static ParseStatus ParseV1Ticker(ref Utf8JsonReader reader, string symbol, Timestamp receiveTime, IMarketEventSink sink)
    {
        FixedDecimal bid = default, bidSize = default, ask = default, askSize = default;
        FixedDecimal? last = null, open = null, high = null, low = null, volume = null;
        var seen = 0;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Reject(sink, FrameRejectReason.WrongFieldType, symbol);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("a"u8))
            {
                if (!TryReadTickerSide(ref reader, out ask, out askSize))
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, symbol);
                }

                seen |= 1;
            }
            else if (reader.ValueTextEquals("b"u8))
            {
                if (!TryReadTickerSide(ref reader, out bid, out bidSize))
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, symbol);
                }

                seen |= 2;
            }
            else if (reader.ValueTextEquals("c"u8) || reader.ValueTextEquals("o"u8) || reader.ValueTextEquals("h"u8)
                || reader.ValueTextEquals("l"u8) || reader.ValueTextEquals("v"u8))
            {
                var field = (char)reader.ValueSpan[0];
                if (!TryReadTickerElement(ref reader, field == 'c' ? 0 : 1, out var value))
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, symbol);
                }

                switch (field)
                {
                    case 'c': last = value; break;
                    case 'o': open = value; break;
                    case 'h': high = value; break;
                    case 'l': low = value; break;
                    default: volume = value; break;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (seen != 3)
        {
            return Reject(sink, FrameRejectReason.MissingField, symbol);
        }

        sink.OnBestBidOffer(symbol, new BestBidOffer(0, bid, bidSize, ask, askSize, Timestamp.None, receiveTime));
        if (last is { } l)
        {
            sink.OnVenueTicker(symbol, new VenueTicker24h(open, high, low, l, volume, Timestamp.None, receiveTime));
        }

        return ParseStatus.Data;
    }

    /// <summary>Reads a ticker field's array (reader on its property name) and keeps element <paramref name="index"/>.</summary>
    private static bool TryReadTickerElement(ref Utf8JsonReader reader, int index, out FixedDecimal value)
    {
        value = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var found = false;
        for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            if (i == index)
            {
                found = JsonLevelReader.TryGetDecimal(ref reader, out value, out _);
            }
            else
            {
                reader.Skip();
            }
        }

        return found && reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryReadTickerSide(ref Utf8JsonReader reader, out FixedDecimal price, out FixedDecimal lotVolume)
    {
        lotVolume = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray
            || !JsonLevelReader.TryReadDecimalElement(ref reader, out price, out _)
            || !JsonLevelReader.TryReadDecimalElement(ref reader, out _, out _)
            || !JsonLevelReader.TryReadDecimalElement(ref reader, out lotVolume, out _))
        {
            price = default;
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary><c>{"channelID":…,"channelName":"book-1000","event":"subscriptionStatus","pair":"XBT/USD","status":"subscribed",…}</c>.</summary>
    private ParseStatus OnSubscriptionStatus(Utf8JsonReader reader)
    {
        long channelId = -1;
        ReadOnlySpan<byte> name = default, pair = default;
        var subscribed = false;
        var unsubscribed = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("channelID"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out channelId))
                {
                    channelId = -1;
                }
            }
            else if (reader.ValueTextEquals("channelName"u8) || reader.ValueTextEquals("pair"u8) || reader.ValueTextEquals("status"u8))
            {
                var isName = reader.ValueTextEquals("channelName"u8);
                var isPair = reader.ValueTextEquals("pair"u8);
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip();
                    continue;
                }

                if (isName)
                {
                    name = reader.ValueSpan;
                }
                else if (isPair)
                {
                    pair = reader.ValueSpan;
                }
                else
                {
                    subscribed = reader.ValueTextEquals("subscribed"u8);
                    unsubscribed = reader.ValueTextEquals("unsubscribed"u8);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (channelId >= 0 && unsubscribed)
        {
            _channels.Remove(channelId);
        }
        else if (channelId >= 0 && subscribed && TryGetPair(pair, out var symbol))
        {
            var channel = KrakenChannels.FromV1Name(name, out var depth);
            _channels[channelId] = (symbol, channel, depth);
        }

        return ParseStatus.Control;
    }
}
