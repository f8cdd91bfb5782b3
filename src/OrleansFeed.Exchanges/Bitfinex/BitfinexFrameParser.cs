using System.Text.Json;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Bitfinex.Messages;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Bitfinex;

/// <summary>
/// Parses Bitfinex WebSocket v2 frames for one connection: events (<c>{"event":"info"|"conf"|"subscribed"|"unsubscribed"|"error"}</c>)
/// and channel frames <c>[chanId, payload, seq?]</c> — book snapshots <c>[[price,count,amount],…]</c> and updates
/// <c>[price,count,amount]</c>, <c>"cs"</c> checksums, <c>"te"</c> trades, tickers and <c>"hb"</c> heartbeats.
/// </summary>
/// <remarks>
/// <para><b>Channels.</b> Channel ids are learnt from <c>subscribed</c> events (kept per connection, and book ids also in
/// the protocol's <see cref="BitfinexChannelDirectory"/> for resubscribes). Heartbeats on a channel without a
/// <c>subscribed</c> event are control frames (the recordings contain such); data on one is rejected.</para>
/// <para><b>Connection sequence (SEQ_ALL, flag 65536).</b> When the last element of a frame is a number it is the
/// connection-wide sequence, +1 per frame on every channel. A break cannot be attributed to one channel (the missing frame
/// may have belonged to any of them), so every book of the connection gets a <see cref="BookEventKind.ConnectionReset"/>
/// event before the frame is handled; each book then asks to be re-subscribed. Breaks are counted in <see cref="SequenceGaps"/>.
/// Book events carry the frame's sequence as FirstUpdateId = LastUpdateId (0 without SEQ_ALL), PreviousUpdateId -1.</para>
/// <para><b>Levels.</b> count &gt; 0: amount &gt; 0 is a bid, &lt; 0 an ask, size = |amount| (base units); count 0 removes
/// the price from the bids when amount is 1 and from the asks when it is -1. <b>Trades:</b> <c>te</c> (trade executed,
/// sent first) is used, <c>tu</c> (the same trade re-sent with its final id) is ignored; amount &gt; 0 means the taker bought.
/// The trade snapshot on subscribe (history) is ignored. <b>Ticker:</b> BID, BID_SIZE, ASK, ASK_SIZE → a BBO.</para>
/// <para>Book frames of the documented shape are read first by <see cref="BitfinexBookScanner"/> straight from the
/// bytes; anything that surprises it takes the validating path.</para>
/// <para>Allocates nothing per frame in steady state (one map entry per subscription). Never throws for venue input.
/// Not thread-safe: one parser per connection.</para>
/// </remarks>
/// <seealso href="https://docs.bitfinex.com/reference/ws-public-books"/>
/// <seealso href="https://docs.bitfinex.com/docs/ws-general"/>
public sealed partial class BitfinexFrameParser : JsonFrameParser
{
    private readonly SymbolTable _symbols;
    private readonly BitfinexChannelDirectory? _directory;
    private readonly Dictionary<long, BitfinexChannel> _channels = [];
    private long _lastSequence = -1;

    /// <summary>Creates a parser for one connection.</summary>
    /// <param name="symbols">Subscribed native symbols (e.g. <c>tBTCUSD</c>).</param>
    /// <param name="limits">Caps on untrusted input; <see cref="ParseLimits.Default"/> when null.</param>
    /// <param name="directory">Where book channel ids are published for resubscribes; null to keep them private.</param>
    public BitfinexFrameParser(SymbolTable symbols, ParseLimits? limits = null, BitfinexChannelDirectory? directory = null)
        : base(limits)
    {
        _symbols = symbols;
        _directory = directory;
    }

    /// <summary>
    /// False sends every frame through the validating <see cref="Utf8JsonReader"/> path (the differential tests
    /// compare the two); true by default.
    /// </summary>
    internal bool UseScanner { get; init; } = true;

    /// <summary>Connection sequence breaks seen (each one reset every book of the connection).</summary>
    public long SequenceGaps { get; private set; }

    /// <summary>Frames that carried a sequence number (SEQ_ALL).</summary>
    public long SequencedFrames { get; private set; }

    /// <summary>The last connection sequence number; -1 before the first.</summary>
    public long LastSequence => _lastSequence;

    /// <inheritdoc />
    protected override ParseStatus ParseFrame(ReadOnlySpan<byte> frame, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (UseScanner && BitfinexBookScanner.TryScan(frame, Limits.MaxLevelsPerMessage, out var chanId, out var snapshot, out var levels, out var count, out var sequence))
        {
            if (_channels.TryGetValue(chanId, out var channel) && channel.Kind == BitfinexChannelKind.Book)
            {
                if (sequence >= 0)
                {
                    CheckSequence(sequence, receiveTime, sink);
                }

                var payload = snapshot ? BitfinexPayload.BookSnapshot : BitfinexPayload.BookUpdate;
                return Emit(payload, channel.Kind, channel.Symbol, sequence, levels, count, 0, default, default, null, receiveTime, sink);
            }

            // Not a book channel (a ticker's array, an unknown channel): the validating path decides.
            System.Buffers.ArrayPool<LevelUpdate>.Shared.Return(levels!);
        }

        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read())
        {
            return Reject(sink, FrameRejectReason.Malformed, null);
        }

        return reader.TokenType switch
        {
            JsonTokenType.StartArray => ParseChannelFrame(ref reader, receiveTime, sink),
            JsonTokenType.StartObject => ParseEvent(ref reader, sink),
            _ => Reject(sink, FrameRejectReason.Malformed, null),
        };
    }


    /// <summary>Events: <c>subscribed</c>/<c>unsubscribed</c> maintain the channel map; <c>info</c> 20051/20060 announce a restart or maintenance.</summary>
    private ParseStatus ParseEvent(ref Utf8JsonReader reader, IMarketEventSink sink)
    {
        var type = BitfinexEventType.Missing;
        var kind = BitfinexChannelKind.Other;
        var rawBook = false;
        long chanId = -1, code = 0;
        string? symbol = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                type = reader.ValueTextEquals("subscribed"u8) ? BitfinexEventType.Subscribed
                    : reader.ValueTextEquals("unsubscribed"u8) ? BitfinexEventType.Unsubscribed
                    : reader.ValueTextEquals("info"u8) ? BitfinexEventType.Info
                    : BitfinexEventType.Other;
            }
            else if (reader.ValueTextEquals("channel"u8))
            {
                reader.Read();
                kind = reader.ValueTextEquals("book"u8) ? BitfinexChannelKind.Book
                    : reader.ValueTextEquals("trades"u8) ? BitfinexChannelKind.Trades
                    : reader.ValueTextEquals("ticker"u8) ? BitfinexChannelKind.Ticker
                    : BitfinexChannelKind.Other;
            }
            else if (reader.ValueTextEquals("chanId"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out chanId))
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out code))
                {
                    code = 0;
                }
            }
            else if (reader.ValueTextEquals("prec"u8))
            {
                reader.Read();
                rawBook = reader.ValueTextEquals("R0"u8);
            }
            else if (reader.ValueTextEquals("symbol"u8))
            {
                reader.Read();
                // Trading pairs only: funding symbols start with 'f' and their levels have another shape.
                if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length > 1 && reader.ValueSpan[0] == 't'
                    && _symbols.TryGet(reader.ValueSpan, out var s))
                {
                    symbol = s;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        switch (type)
        {
            case BitfinexEventType.Missing:
                return Reject(sink, FrameRejectReason.MissingField, null);
            case BitfinexEventType.Subscribed when chanId >= 0:
                var channel = symbol is null || rawBook ? new BitfinexChannel(BitfinexChannelKind.Other, string.Empty) : new BitfinexChannel(kind, symbol);
                _channels[chanId] = channel;
                if (channel.Kind == BitfinexChannelKind.Book)
                {
                    _directory?.SetBook(channel.Symbol, chanId);
                }

                return ParseStatus.Control;
            case BitfinexEventType.Unsubscribed when chanId >= 0:
                if (_channels.Remove(chanId, out var closed) && closed.Kind == BitfinexChannelKind.Book)
                {
                    _directory?.RemoveBook(closed.Symbol, chanId);
                }

                return ParseStatus.Control;
            case BitfinexEventType.Info when code is 20051 or 20060:
                // 20051: server restarting, reconnect; 20060: maintenance starting.
                sink.OnServerShutdownNotice();
                return ParseStatus.Control;
            default:
                return ParseStatus.Control;
        }
    }

    /// <summary>Applies the SEQ_ALL rule to a frame's sequence number, resetting every book of the connection on a break.</summary>
    private void CheckSequence(long sequence, Timestamp receiveTime, IMarketEventSink sink)
    {
        SequencedFrames++;
        if (_lastSequence >= 0 && sequence != _lastSequence + 1)
        {
            SequenceGaps++;
            foreach (var channel in _channels.Values)
            {
                if (channel.Kind == BitfinexChannelKind.Book)
                {
                    sink.OnBookEvent(BookEvent.Reset(channel.Symbol, receiveTime));
                }
            }
        }

        _lastSequence = sequence;
    }
}
