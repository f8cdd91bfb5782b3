using System.Text.Json;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Bybit.Messages;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.Bybit;

/// <summary>
/// Parses Bybit public WebSocket frames straight from UTF-8 into events for an <see cref="IMarketEventSink"/>: v5
/// <c>{"topic","type","ts","data","cts"}</c> pushes of <c>orderbook.N</c> and <c>publicTrade</c> (§7), the retired v2
/// <c>orderBookL2_25</c>/<c>trade</c> pushes of the 2021 recordings, and control replies
/// (<c>{"success","ret_msg","op"…}</c> subscribe acks and pongs, option-style <c>{"op":"pong"}</c>).
/// </summary>
/// <remarks>
/// <para>Top-level fields may come in any order (§7: "the JSON key order differs by market"): the parser notes where
/// <c>data</c> starts and reads it once <c>topic</c>, <c>type</c> and the v2 <c>cross_seq</c> are known. Allocates nothing
/// per frame in steady state. v5 <c>orderbook.N</c> pushes of the documented shape and the recorded v2
/// <c>orderBookL2_25</c> pushes are read first by <see cref="BybitOrderBookScanner"/> and
/// <see cref="BybitLegacyOrderBookScanner"/> straight from the bytes; anything that surprises them takes that path.</para>
/// <para>Never throws for venue input: a bad frame is reported with a <see cref="FrameRejectReason"/> and
/// <see cref="ParseStatus.Rejected"/> is returned. Not thread-safe; one parser per connection.</para>
/// </remarks>
/// <seealso href="https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook"/>
public sealed partial class BybitFrameParser : JsonFrameParser
{
    private readonly SymbolTable _symbols;
    private readonly SymbolCache _symbolCache;

    /// <summary>Creates a parser.</summary>
    /// <param name="symbols">Subscribed symbols (upper case, e.g. <c>BTCUSDT</c>).</param>
    /// <param name="limits">Caps on untrusted input; <see cref="ParseLimits.Default"/> when null.</param>
    public BybitFrameParser(SymbolTable symbols, ParseLimits? limits = null)
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
        if (UseScanner && (BybitOrderBookScanner.TryScan(frame, _symbolCache, Limits.MaxLevelsPerMessage, receiveTime, out var bookEvent)
            || BybitLegacyOrderBookScanner.TryScan(frame, _symbolCache, Limits.MaxLevelsPerMessage, receiveTime, out bookEvent)))
        {
            sink.OnBookEvent(bookEvent);
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

        var kind = BybitTopicKind.Unknown;
        string? symbol = null;
        var hasTopic = false;
        var symbolKnown = false;
        var snapshot = false;
        var control = false;
        long time = 0, crossSeq = -1, timeE6 = 0;
        var hasData = false;
        var data = default(Utf8JsonReader);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("topic"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }

                hasTopic = true;
                kind = BybitTopics.Classify(reader.ValueSpan, out var symbolBytes);
                symbolKnown = symbolBytes.Length > 0 && _symbols.TryGet(symbolBytes, out symbol!);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                snapshot = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("snapshot"u8);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                data = reader;
                hasData = true;
                reader.Read();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                if (!JsonFieldReader.TryReadInt64OrString(ref reader, out time, out _))
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }
            }
            else if (reader.ValueTextEquals("cross_seq"u8))
            {
                if (!JsonFieldReader.TryReadInt64OrString(ref reader, out crossSeq, out _))
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }
            }
            else if (reader.ValueTextEquals("timestamp_e6"u8))
            {
                if (!JsonFieldReader.TryReadInt64OrString(ref reader, out timeE6, out _))
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }
            }
            else
            {
                // Subscribe acks and pongs: {"success","ret_msg","conn_id","req_id","op"} or {"op":"pong","args"}.
                control |= reader.ValueTextEquals("success"u8) || reader.ValueTextEquals("op"u8) || reader.ValueTextEquals("ret_msg"u8);
                reader.Read();
                reader.Skip();
            }
        }

        if (!hasTopic)
        {
            return control ? ParseStatus.Control : Reject(sink, FrameRejectReason.UnknownType, null);
        }

        if (kind == BybitTopicKind.Ignored)
        {
            return ParseStatus.Ignored;
        }

        if (kind == BybitTopicKind.Unknown)
        {
            return Reject(sink, FrameRejectReason.UnknownType, null);
        }

        if (!symbolKnown)
        {
            return Reject(sink, FrameRejectReason.UnknownSymbol, null);
        }

        if (!hasData)
        {
            return Reject(sink, FrameRejectReason.MissingField, symbol);
        }

        data.Read();
        return kind switch
        {
            BybitTopicKind.OrderBook => ParseOrderBook(ref data, symbol!, snapshot, time, receiveTime, sink),
            BybitTopicKind.PublicTrade => ParsePublicTrades(ref data, symbol!, receiveTime, sink),
            BybitTopicKind.LegacyOrderBook => ParseLegacyOrderBook(ref data, symbol!, snapshot, crossSeq, timeE6, receiveTime, sink),
            _ => ParseLegacyTrades(ref data, symbol!, receiveTime, sink),
        };
    }
}
