using System.Text.Json;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;
using OrleansFeed.Exchanges.KuCoin.Messages;

namespace OrleansFeed.Exchanges.KuCoin;

/// <summary>
/// Parses KuCoin spot WebSocket frames — <c>{"type":"message","topic","subject","data"}</c> envelopes and the
/// <c>welcome</c>/<c>ack</c>/<c>pong</c> control frames — straight from UTF-8 into events for an
/// <see cref="IMarketEventSink"/>: <c>trade.l2update</c> diffs, <c>trade.l3match</c> trades and
/// <c>trade.ticker</c> best bid/offer (shared/docs/exchange-protocols.md §3).
/// </summary>
/// <remarks>
/// <para>The envelope's fields come in any order (the recordings put <c>data</c> first), so the parser notes where
/// <c>data</c> starts, reads <c>subject</c>/<c>type</c>/<c>topic</c>, then parses <c>data</c> from the noted
/// position: two passes over the payload, no allocation in steady state. <c>l2update</c> diffs of the recorded shape
/// are read first by <see cref="KuCoinLevel2Scanner"/> straight from the bytes; anything that surprises it takes
/// that path.</para>
/// <para>Never throws for venue input: a bad frame is reported to the sink with a <see cref="FrameRejectReason"/>.
/// A venue <c>type:"error"</c> reply is reported as <see cref="FrameRejectReason.UnknownType"/>. Not thread-safe;
/// one parser per connection.</para>
/// </remarks>
/// <seealso href="https://www.kucoin.com/docs-new/websocket-api/base-info/introduction"/>
public sealed partial class KuCoinFrameParser : JsonFrameParser
{
    private readonly SymbolTable _symbols;
    private readonly SymbolCache _symbolCache;

    /// <summary>Creates a parser.</summary>
    /// <param name="symbols">Subscribed symbols as KuCoin spells them (<c>BTC-USDT</c>).</param>
    /// <param name="limits">Caps on untrusted input; <see cref="ParseLimits.Default"/> when null.</param>
    public KuCoinFrameParser(SymbolTable symbols, ParseLimits? limits = null)
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
        if (UseScanner && KuCoinLevel2Scanner.TryScan(frame, _symbolCache, Limits.MaxLevelsPerMessage, receiveTime, out var bookEvent))
        {
            sink.OnBookEvent(bookEvent);
            return ParseStatus.Data;
        }

        return ParseEnvelope(frame, receiveTime, sink);
    }

    private ParseStatus ParseEnvelope(ReadOnlySpan<byte> frame, Timestamp receiveTime, IMarketEventSink sink)
    {
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Reject(sink, FrameRejectReason.Malformed, null);
        }

        var type = KuCoinMessageKind.Unknown;
        var subject = KuCoinMessageKind.Unknown;
        string? topicSymbol = null;
        var topicSeen = false;
        var data = default(Utf8JsonReader);
        var hasData = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                if (!JsonFieldReader.TryReadString(ref reader))
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }

                type = KuCoinMessageNames.FromType(reader.ValueSpan);
            }
            else if (reader.ValueTextEquals("subject"u8))
            {
                if (!JsonFieldReader.TryReadString(ref reader))
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }

                subject = KuCoinMessageNames.FromSubject(reader.ValueSpan);
            }
            else if (reader.ValueTextEquals("topic"u8))
            {
                if (!JsonFieldReader.TryReadString(ref reader))
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }

                // "/market/ticker:BTC-USDT": the symbol follows the last ':'; unknown symbols are judged later.
                topicSeen = true;
                var topic = reader.ValueSpan;
                var colon = topic.LastIndexOf((byte)':');
                if (colon >= 0 && _symbols.TryGet(topic[(colon + 1)..], out var s))
                {
                    topicSymbol = s;
                }
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                data = reader;
                hasData = true;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        switch (type)
        {
            case KuCoinMessageKind.Control:
                return ParseStatus.Control;
            case KuCoinMessageKind.Error:
            case KuCoinMessageKind.Unknown:
                return Reject(sink, FrameRejectReason.UnknownType, topicSymbol);
        }

        if (subject is KuCoinMessageKind.Unknown or KuCoinMessageKind.Ignored)
        {
            return subject == KuCoinMessageKind.Ignored ? ParseStatus.Ignored : Reject(sink, FrameRejectReason.MissingField, topicSymbol);
        }

        if (!hasData || data.TokenType != JsonTokenType.StartObject)
        {
            return Reject(sink, hasData ? FrameRejectReason.WrongFieldType : FrameRejectReason.MissingField, topicSymbol);
        }

        return subject switch
        {
            KuCoinMessageKind.Level2Update => ParseLevel2(ref data, topicSymbol, receiveTime, sink),
            KuCoinMessageKind.Match => ParseMatch(ref data, topicSymbol, receiveTime, sink),
            _ => ParseTicker(ref data, topicSymbol, topicSeen, receiveTime, sink),
        };
    }
}
