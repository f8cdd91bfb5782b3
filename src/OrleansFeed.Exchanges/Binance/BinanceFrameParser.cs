using System.Text.Json;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance.Messages;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.Binance;

/// <summary>
/// Parses Binance WebSocket frames — combined-stream wrappers <c>{"stream":…,"data":…}</c>, raw payloads and
/// control replies — straight from UTF-8 into events for an <see cref="IMarketEventSink"/>. Serves spot,
/// Binance.US, USD-M and COIN-M (the payloads share field names; futures add <c>T</c> and <c>pu</c>).
/// </summary>
/// <remarks>
/// <para>Allocates nothing per frame in steady state: <c>depthUpdate</c> frames of the documented shape are read by
/// <see cref="BinanceDepthScanner"/> straight from the bytes; every other frame, and any depth frame that surprises the
/// scanner, by <see cref="Utf8JsonReader"/> over the frame bytes; levels into pooled arrays, symbols interned through
/// the <see cref="SymbolTable"/>.</para>
/// <para>Never throws for venue input: a bad frame is reported to the sink with a <see cref="FrameRejectReason"/>
/// and <see cref="ParseStatus.Rejected"/> is returned. Not thread-safe; one parser per connection.</para>
/// </remarks>
/// <seealso href="https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams"/>
public sealed partial class BinanceFrameParser : JsonFrameParser
{
    private readonly SymbolTable _symbols;
    private readonly SymbolCache _symbolCache;

    /// <summary>Creates a parser.</summary>
    /// <param name="symbols">Subscribed symbols (upper case, as REST spells them).</param>
    /// <param name="limits">Caps on untrusted input; <see cref="ParseLimits.Default"/> when null.</param>
    public BinanceFrameParser(SymbolTable symbols, ParseLimits? limits = null)
        : base(limits)
    {
        _symbols = symbols;
        _symbolCache = new SymbolCache(symbols);
    }

    /// <summary>
    /// False sends every frame through the validating <see cref="Utf8JsonReader"/> path (the differential tests and
    /// the before/after benchmarks compare the two); true by default.
    /// </summary>
    internal bool UseScanner { get; init; } = true;

    /// <inheritdoc />
    protected override ParseStatus ParseFrame(ReadOnlySpan<byte> frame, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (UseScanner && BinanceDepthScanner.TryScan(frame, _symbolCache, Limits.MaxLevelsPerMessage, receiveTime, out var diff))
        {
            sink.OnBookEvent(diff);
            return ParseStatus.Data;
        }

        return ParseTop(frame, receiveTime, sink);
    }

    private ParseStatus ParseTop(ReadOnlySpan<byte> frame, Timestamp receiveTime, IMarketEventSink sink)
    {
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Reject(sink, FrameRejectReason.Malformed, null);
        }

        var start = reader;
        var kind = BinanceStreamKind.Unknown;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }

                kind = BinanceStreamNames.FromStreamName(reader.ValueSpan);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }

                if (kind == BinanceStreamKind.Unknown)
                {
                    kind = Classify(reader);
                }

                return ParsePayload(ref reader, kind, receiveTime, sink);
            }
            else if (reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("id"u8))
            {
                // {"result":null,"id":1}: a reply to SUBSCRIBE / LIST_SUBSCRIPTIONS.
                return ParseStatus.Control;
            }
            else
            {
                // A raw (non-combined) payload: classify and parse the whole object.
                kind = Classify(start);
                return ParsePayload(ref start, kind, receiveTime, sink);
            }
        }

        return Reject(sink, FrameRejectReason.Malformed, null);
    }

    /// <summary>Finds the payload kind by its <c>e</c> field, or by shape for spot <c>bookTicker</c> (no <c>e</c>).</summary>
    private static BinanceStreamKind Classify(Utf8JsonReader reader)
    {
        var hasBidQty = false;
        var hasLastUpdateId = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("e"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String
                    ? BinanceStreamNames.FromEventType(reader.ValueSpan)
                    : BinanceStreamKind.Unknown;
            }

            hasBidQty |= reader.ValueTextEquals("B"u8);
            hasLastUpdateId |= reader.ValueTextEquals("lastUpdateId"u8);
            reader.Read();
            reader.Skip();
        }

        return hasLastUpdateId ? BinanceStreamKind.Ignored : hasBidQty ? BinanceStreamKind.BookTicker : BinanceStreamKind.Unknown;
    }

    private ParseStatus ParsePayload(ref Utf8JsonReader reader, BinanceStreamKind kind, Timestamp receiveTime, IMarketEventSink sink)
    {
        switch (kind)
        {
            case BinanceStreamKind.Depth:
                return ParseDepth(ref reader, receiveTime, sink);
            case BinanceStreamKind.AggTrade:
            case BinanceStreamKind.Trade:
                return ParseTrade(ref reader, kind, receiveTime, sink);
            case BinanceStreamKind.BookTicker:
                return ParseBookTicker(ref reader, receiveTime, sink);
            case BinanceStreamKind.ServerShutdown:
                sink.OnServerShutdownNotice();
                return ParseStatus.Control;
            case BinanceStreamKind.Ignored:
                return ParseStatus.Ignored;
            default:
                return Reject(sink, FrameRejectReason.UnknownType, null);
        }
    }
}
