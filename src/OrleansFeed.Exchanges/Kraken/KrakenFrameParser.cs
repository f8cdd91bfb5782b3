using System.Buffers.Text;
using System.Text.Json;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>
/// Parses Kraken spot WebSocket frames of both API versions (shared/docs/exchange-protocols.md §4): v1 arrays
/// <c>[channelID, {payload}…, "channelName", "pair"]</c> and events <c>{"event":…}</c>, v2 objects
/// <c>{"channel":…,"type":…,"data":[…]}</c> and method replies <c>{"method":…}</c>. The first token tells them apart,
/// so one parser serves <c>wss://ws.kraken.com</c> and <c>wss://ws.kraken.com/v2</c>.
/// </summary>
/// <remarks>
/// <para>Book events map Kraken's missing ids as follows: <see cref="BookEvent.FirstUpdateId"/> = the subscribed
/// depth (v1: the <c>N</c> of the <c>book-N</c> channel name; v2: the <c>depth</c> of the subscribe ack, Kraken's
/// default 10 when no ack was seen), so <see cref="KrakenBookSync"/> knows where to trim;
/// <see cref="BookEvent.LastUpdateId"/> = a per-pair count of book messages on this connection (Kraken sends no
/// sequence); <see cref="BookEvent.PreviousUpdateId"/> = -1. <see cref="BookEvent.Checksum"/> carries v1 <c>c</c> /
/// v2 <c>checksum</c>. A v1 update touching both sides (two objects in one frame) becomes one event, levels in array order.</para>
/// <para>Per-connection state: v1 <c>channelID</c> → pair and channel from <c>subscriptionStatus</c> (used when a
/// frame lacks its trailing names), v2 book depth per pair from subscribe acks. Pairs are looked up in either
/// spelling (<c>XBT/USD</c> ↔ <c>BTC/USD</c>) so frames of both versions reach the configured symbol.</para>
/// <para>v1 book frames of the documented shape are read first by <see cref="KrakenBookScanner"/> straight from the
/// bytes; anything that surprises it takes the validating path.</para>
/// <para>Allocates nothing per frame in steady state (one small object per pair or channel, ever). Never throws for
/// venue input: bad frames go to <see cref="IMarketEventSink.OnRejected"/>. Not thread-safe: one parser per connection.</para>
/// </remarks>
/// <seealso href="https://docs.kraken.com/api/docs/websocket-v2/book"/>
/// <seealso href="https://docs.kraken.com/api/docs/websocket-v1/book"/>
public sealed partial class KrakenFrameParser : JsonFrameParser
{
    /// <summary>Kraken v2's default book depth, assumed until a subscribe ack names one (§4 "v2 messages").</summary>
    public const int DefaultV2Depth = 10;

    private readonly SymbolTable _symbols;
    private readonly Dictionary<string, PairState> _pairs = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (string Pair, KrakenChannel Channel, int Depth)> _channels = [];
    private readonly SymbolCache _pairCache;
    private readonly Func<string, long> _nextBookMessage;

    /// <summary>Creates a parser for one connection.</summary>
    /// <param name="symbols">Subscribed pairs (either spelling).</param>
    /// <param name="limits">Caps on untrusted input; <see cref="ParseLimits.Default"/> when null.</param>
    public KrakenFrameParser(SymbolTable symbols, ParseLimits? limits = null)
        : base(limits)
    {
        _symbols = symbols;
        _pairCache = new SymbolCache(TryGetPair);
        _nextBookMessage = symbol => ++State(symbol).BookMessages;
    }

    /// <summary>
    /// False sends every frame through the validating <see cref="Utf8JsonReader"/> path (the differential tests
    /// compare the two); true by default.
    /// </summary>
    internal bool UseScanner { get; init; } = true;

    /// <inheritdoc />
    protected override ParseStatus ParseFrame(ReadOnlySpan<byte> frame, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (UseScanner && KrakenBookScanner.TryScan(frame, _pairCache, Limits.MaxLevelsPerMessage, _nextBookMessage, receiveTime, out var bookEvent))
        {
            sink.OnBookEvent(bookEvent);
            return ParseStatus.Data;
        }

        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read())
        {
            return Reject(sink, FrameRejectReason.Malformed, null);
        }

        return reader.TokenType switch
        {
            JsonTokenType.StartArray => ParseV1Array(ref reader, receiveTime, sink),
            JsonTokenType.StartObject => ParseObject(reader, receiveTime, sink),
            _ => Reject(sink, FrameRejectReason.Malformed, null),
        };
    }


    /// <summary>A top-level object: a v1 event (<c>event</c>) or a v2 channel message / method reply.</summary>
    private ParseStatus ParseObject(Utf8JsonReader start, Timestamp receiveTime, IMarketEventSink sink)
    {
        var reader = start;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("subscriptionStatus"u8)
                    ? OnSubscriptionStatus(start)
                    : ParseStatus.Control;
            }

            if (reader.ValueTextEquals("channel"u8))
            {
                reader.Read();
                var channel = reader.TokenType == JsonTokenType.String ? KrakenChannels.FromV2Name(reader.ValueSpan) : KrakenChannel.Unknown;
                return ParseV2Channel(start, channel, receiveTime, sink);
            }

            if (reader.ValueTextEquals("method"u8))
            {
                return OnMethodReply(start);
            }

            reader.Read();
            reader.Skip();
        }

        return Reject(sink, FrameRejectReason.UnknownType, null);
    }

    /// <summary>Finds the interned pair for frame bytes in either spelling.</summary>
    private bool TryGetPair(ReadOnlySpan<byte> utf8, out string symbol)
    {
        if (_symbols.TryGet(utf8, out symbol))
        {
            return true;
        }

        Span<byte> alternate = stackalloc byte[72];
        var length = utf8.Length <= 64 ? KrakenSymbols.WriteAlternateSpelling(utf8, alternate) : 0;
        return length > 0 && _symbols.TryGet(alternate[..length], out symbol);
    }

    private bool TryReadPair(ref Utf8JsonReader reader, out string symbol, out FrameRejectReason reason)
    {
        symbol = string.Empty;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            reason = FrameRejectReason.WrongFieldType;
            return false;
        }

        reason = FrameRejectReason.UnknownSymbol;
        return TryGetPair(reader.ValueSpan, out symbol);
    }

    private PairState State(string symbol)
    {
        if (!_pairs.TryGetValue(symbol, out var state))
        {
            state = new PairState();
            _pairs.Add(symbol, state);
        }

        return state;
    }

    private static bool TryParseChecksum(ref Utf8JsonReader reader, out uint checksum)
    {
        checksum = 0;
        return reader.TokenType switch
        {
            // v1 sends the CRC as a decimal string ("c":"974947235"), v2 as a JSON number.
            JsonTokenType.String => !reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out checksum, out var used) && used == reader.ValueSpan.Length,
            JsonTokenType.Number => reader.TryGetUInt32(out checksum),
            _ => false,
        };
    }

    /// <summary>Per-pair state on this connection.</summary>
    private sealed class PairState
    {
        public int Depth { get; set; } = DefaultV2Depth;

        public long BookMessages { get; set; }
    }
}
