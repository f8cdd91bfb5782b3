using System.Text.Json;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Coinbase.Messages;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.Coinbase;

/// <summary>
/// Parses Coinbase Exchange (formerly Coinbase Pro) WebSocket frames, <c>{"type":…}</c> objects, straight from UTF-8:
/// <c>snapshot</c> and <c>l2update</c> (channels <c>level2</c> / <c>level2_batch</c>), <c>match</c> and
/// <c>last_match</c> (channel <c>matches</c>), <c>ticker</c>; <c>subscriptions</c>, <c>heartbeat</c> and <c>error</c>
/// are control frames; other full-channel types (<c>received</c>, <c>open</c>, <c>done</c>, <c>change</c>) are ignored.
/// </summary>
/// <remarks>
/// <para>Book events carry no ids: the level2 channel has no sequence numbers (FirstUpdateId = LastUpdateId = 0,
/// PreviousUpdateId = -1); the per-product <c>sequence</c> of matches counts every order event of the full channel,
/// so it is not contiguous on <c>matches</c> and is not used as a book sequence. Exchange times are the frame's
/// <c>time</c> (UTC, µs); the 2021 snapshots carry none.</para>
/// <para><c>l2update</c> frames of the documented shape are read first by <see cref="CoinbaseL2UpdateScanner"/>
/// straight from the bytes; anything that surprises it takes the validating path.</para>
/// <para>Allocates nothing per frame in steady state; never throws for venue input (a bad frame is reported to the
/// sink with a <see cref="FrameRejectReason"/> and <see cref="ParseStatus.Rejected"/> is returned). Not thread-safe:
/// one parser per connection.</para>
/// </remarks>
/// <seealso href="https://docs.cdp.coinbase.com/exchange/websocket-feed/channels"/>
public sealed partial class CoinbaseExchangeFrameParser : JsonFrameParser
{
    private readonly SymbolTable _symbols;
    private readonly SymbolCache _symbolCache;

    /// <summary>Creates a parser.</summary>
    /// <param name="symbols">Subscribed product ids (e.g. <c>BTC-USD</c>).</param>
    /// <param name="limits">Caps on untrusted input; <see cref="ParseLimits.Default"/> when null.</param>
    public CoinbaseExchangeFrameParser(SymbolTable symbols, ParseLimits? limits = null)
        : base(limits)
    {
        _symbols = symbols;
        _symbolCache = new SymbolCache(symbols);
    }

    /// <summary>
    /// False sends every frame through the validating <see cref="Utf8JsonReader"/> path (the differential tests
    /// compare the two); true by default.
    /// </summary>
    internal bool UseScanner { get; init; } = true;

    /// <inheritdoc />
    protected override ParseStatus ParseFrame(ReadOnlySpan<byte> frame, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (UseScanner && CoinbaseL2UpdateScanner.TryScan(frame, _symbolCache, Limits.MaxLevelsPerMessage, receiveTime, out var bookEvent))
        {
            sink.OnBookEvent(bookEvent);
            return ParseStatus.Data;
        }

        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Reject(sink, FrameRejectReason.Malformed, null);
        }

        return Classify(reader) switch
        {
            CoinbaseExchangeMessageType.Snapshot => ParseSnapshot(ref reader, receiveTime, sink),
            CoinbaseExchangeMessageType.Update => ParseUpdate(ref reader, receiveTime, sink),
            CoinbaseExchangeMessageType.Match => ParseMatch(ref reader, receiveTime, sink),
            CoinbaseExchangeMessageType.Ticker => ParseTicker(ref reader, receiveTime, sink),
            CoinbaseExchangeMessageType.Control => ParseStatus.Control,
            CoinbaseExchangeMessageType.Ignored => ParseStatus.Ignored,
            CoinbaseExchangeMessageType.Missing => Reject(sink, FrameRejectReason.MissingField, null),
            _ => Reject(sink, FrameRejectReason.UnknownType, null),
        };
    }

    /// <summary>Finds the <c>type</c> field (the feed sends it first, but any position is accepted) on a copy of the reader.</summary>
    private static CoinbaseExchangeMessageType Classify(Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                return CoinbaseExchangeMessageType.Unknown;
            }

            var type = reader.ValueSpan;
            if (type.SequenceEqual("l2update"u8))
            {
                return CoinbaseExchangeMessageType.Update;
            }

            if (type.SequenceEqual("snapshot"u8))
            {
                return CoinbaseExchangeMessageType.Snapshot;
            }

            if (type.SequenceEqual("match"u8) || type.SequenceEqual("last_match"u8))
            {
                return CoinbaseExchangeMessageType.Match;
            }

            if (type.SequenceEqual("ticker"u8))
            {
                return CoinbaseExchangeMessageType.Ticker;
            }

            if (type.SequenceEqual("subscriptions"u8) || type.SequenceEqual("heartbeat"u8) || type.SequenceEqual("error"u8))
            {
                return CoinbaseExchangeMessageType.Control;
            }

            return type.SequenceEqual("received"u8) || type.SequenceEqual("open"u8) || type.SequenceEqual("done"u8)
                || type.SequenceEqual("change"u8) || type.SequenceEqual("activate"u8) || type.SequenceEqual("status"u8)
                ? CoinbaseExchangeMessageType.Ignored
                : CoinbaseExchangeMessageType.Unknown;
        }

        return CoinbaseExchangeMessageType.Missing;
    }
}
