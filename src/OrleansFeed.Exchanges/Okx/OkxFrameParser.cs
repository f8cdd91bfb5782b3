using System.Text.Json;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;
using OrleansFeed.Exchanges.Okx.Messages;

namespace OrleansFeed.Exchanges.Okx;

/// <summary>
/// Parses OKX v5 public WebSocket frames (§6): pushes <c>{"arg":{"channel","instId"},"action"?,"data":[…]}</c> for the
/// book, <c>trades</c> and <c>tickers</c> channels, event replies <c>{"event":"subscribe"|"error"|"notice",…}</c> and the
/// plain-text <c>pong</c> keep-alive reply, straight from UTF-8 into events for an <see cref="IMarketEventSink"/>.
/// </summary>
/// <remarks>
/// <para>Top-level fields may come in any order: the parser notes where <c>data</c> starts, reads <c>arg</c> and
/// <c>action</c>, then reads <c>data</c> from the saved position. Book pushes of the documented shape are read first by
/// <see cref="OkxBookScanner"/> straight from the bytes; anything that surprises it takes the path above. Allocates
/// nothing per frame in steady state.</para>
/// <para>Never throws for venue input: a bad frame is reported with a <see cref="FrameRejectReason"/> and
/// <see cref="ParseStatus.Rejected"/> is returned. Not thread-safe; one parser per connection.</para>
/// </remarks>
/// <seealso href="https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel"/>
public sealed partial class OkxFrameParser : JsonFrameParser
{
    private readonly SymbolTable _symbols;
    private readonly SymbolCache _symbolCache;

    /// <summary>Creates a parser.</summary>
    /// <param name="symbols">Subscribed instrument ids (<c>BTC-USDT</c>, <c>BTC-USDT-SWAP</c>), as OKX spells them.</param>
    /// <param name="limits">Caps on untrusted input; <see cref="ParseLimits.Default"/> when null.</param>
    public OkxFrameParser(SymbolTable symbols, ParseLimits? limits = null)
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
        // §6 "Heartbeat": the reply to our text "ping" is the text "pong", not JSON.
        if (frame.Trim(" \r\n\t"u8).SequenceEqual("pong"u8))
        {
            return ParseStatus.Control;
        }

        if (UseScanner && OkxBookScanner.TryScan(frame, _symbolCache, Limits.MaxLevelsPerMessage, receiveTime, out var bookEvent))
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

        var channel = OkxChannel.Unknown;
        string? symbol = null;
        var symbolReason = FrameRejectReason.MissingField;
        var snapshot = false;
        var hasAction = false;
        var hasData = false;
        var data = default(Utf8JsonReader);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("arg"u8))
            {
                if (!TryReadArg(ref reader, out channel, out symbol, out symbolReason))
                {
                    return Reject(sink, symbolReason, null);
                }
            }
            else if (reader.ValueTextEquals("action"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, symbol);
                }

                hasAction = true;
                snapshot = reader.ValueTextEquals("snapshot"u8);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                data = reader;
                hasData = true;
                reader.Read();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                return ParseEvent(ref reader, sink);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!hasData || channel == OkxChannel.Unknown)
        {
            return Reject(sink, hasData ? FrameRejectReason.UnknownType : FrameRejectReason.MissingField, symbol);
        }

        if (channel == OkxChannel.Ignored)
        {
            return ParseStatus.Ignored;
        }

        if (symbol is null)
        {
            return Reject(sink, symbolReason, null);
        }

        data.Read();
        if (data.TokenType != JsonTokenType.StartArray)
        {
            return Reject(sink, FrameRejectReason.WrongFieldType, symbol);
        }

        return channel switch
        {
            OkxChannel.Trades => ParseTrades(ref data, symbol, receiveTime, sink),
            OkxChannel.Tickers => ParseTickers(ref data, symbol, receiveTime, sink),

            // books5 pushes full snapshots without an "action" field.
            _ => ParseBook(ref data, symbol, snapshot || (!hasAction && channel == OkxChannel.Books5), receiveTime, sink),
        };
    }

    /// <summary><c>{"event":"subscribe"|"unsubscribe"|"error"|"notice"|"channel-conn-count",…}</c>: control replies.</summary>
    private static ParseStatus ParseEvent(ref Utf8JsonReader reader, IMarketEventSink sink)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            return Reject(sink, FrameRejectReason.WrongFieldType, null);
        }

        // "notice" (code 64008) announces a disconnect for a service upgrade: reconnect before it happens.
        if (reader.ValueTextEquals("notice"u8))
        {
            sink.OnServerShutdownNotice();
        }

        return ParseStatus.Control;
    }

    private bool TryReadArg(ref Utf8JsonReader reader, out OkxChannel channel, out string? symbol, out FrameRejectReason reason)
    {
        channel = OkxChannel.Unknown;
        symbol = null;
        reason = FrameRejectReason.MissingField;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reason = FrameRejectReason.WrongFieldType;
            return false;
        }

        var symbolOk = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("channel"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    reason = FrameRejectReason.WrongFieldType;
                    return false;
                }

                channel = OkxChannels.FromName(reader.ValueSpan);
            }
            else if (reader.ValueTextEquals("instId"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                {
                    reason = FrameRejectReason.WrongFieldType;
                    return false;
                }

                symbolOk = _symbols.TryGet(reader.ValueSpan, out var found);
                symbol = symbolOk ? found : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // An unknown instrument is decided by the caller: event replies naming one are still control frames.
        if (!symbolOk)
        {
            reason = FrameRejectReason.UnknownSymbol;
        }

        return true;
    }
}
