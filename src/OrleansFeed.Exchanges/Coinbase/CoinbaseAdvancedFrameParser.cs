using System.Text.Json;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Coinbase.Messages;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Coinbase;

/// <summary>
/// Parses Coinbase Advanced Trade market-data frames (shared/docs/exchange-protocols.md §5):
/// <c>{"channel","client_id","timestamp","sequence_num","events":[…]}</c> with channels <c>l2_data</c> (the
/// <c>level2</c> subscription), <c>market_trades</c>, <c>ticker</c>; <c>heartbeats</c> and <c>subscriptions</c> are control.
/// </summary>
/// <remarks>
/// <para><b>Connection sequence.</b> <c>sequence_num</c> counts every message on the connection, across channels
/// (the widely implemented reading of §5 "Sync procedure" step 3). A message that is not the previous
/// <c>sequence_num + 1</c> means messages were lost, and since a lost message may have been any product's level2
/// update, every book whose snapshot arrived on this connection gets a <see cref="BookEventKind.ConnectionReset"/>
/// event before the message is handled. Each book then goes stale and asks for a fresh snapshot, which the connector
/// gets by re-subscribing that product (<see cref="CoinbaseProtocol.ResubscribeMessages"/>). The count of such gaps is
/// <see cref="SequenceGaps"/>.</para>
/// <para>Book events carry the message's <c>sequence_num</c> as FirstUpdateId = LastUpdateId (PreviousUpdateId -1)
/// and the message <c>timestamp</c> as exchange time (UTC, truncated to µs). Trade <c>snapshot</c> events (recent
/// history sent on subscribe) are ignored so trade statistics only count new trades.</para>
/// <para>Allocates nothing per frame in steady state (the book-symbol list grows once per product). Never throws for
/// venue input. Not thread-safe: one parser per connection.</para>
/// </remarks>
/// <seealso href="https://docs.cdp.coinbase.com/advanced-trade/docs/ws-channels"/>
public sealed partial class CoinbaseAdvancedFrameParser : JsonFrameParser
{
    private readonly SymbolTable _symbols;
    private readonly List<string> _bookSymbols = [];
    private long _lastSequence = -1;

    /// <summary>Creates a parser for one connection.</summary>
    /// <param name="symbols">Subscribed product ids (e.g. <c>BTC-USD</c>).</param>
    /// <param name="limits">Caps on untrusted input; <see cref="ParseLimits.Default"/> when null.</param>
    public CoinbaseAdvancedFrameParser(SymbolTable symbols, ParseLimits? limits = null)
        : base(limits)
    {
        _symbols = symbols;
    }

    /// <summary><c>sequence_num</c> breaks seen on this connection (each one reset every book of the connection).</summary>
    public long SequenceGaps { get; private set; }

    /// <summary>The last <c>sequence_num</c> seen; -1 before the first message.</summary>
    public long LastSequence => _lastSequence;

    /// <inheritdoc />
    protected override ParseStatus ParseFrame(ReadOnlySpan<byte> frame, Timestamp receiveTime, IMarketEventSink sink)
    {
        return ParseEnvelope(frame, receiveTime, sink);
    }


    private ParseStatus ParseEnvelope(ReadOnlySpan<byte> frame, Timestamp receiveTime, IMarketEventSink sink)
    {
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Reject(sink, FrameRejectReason.Malformed, null);
        }

        var channel = CoinbaseAdvancedChannel.Missing;
        long sequence = -1;
        var time = Timestamp.None;
        var events = default(Utf8JsonReader);
        var hasEvents = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("channel"u8))
            {
                reader.Read();
                channel = reader.TokenType == JsonTokenType.String ? Classify(reader.ValueSpan) : CoinbaseAdvancedChannel.Unknown;
            }
            else if (reader.ValueTextEquals("sequence_num"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out sequence) || sequence < 0)
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
                {
                    CoinbaseTime.TryParse(reader.ValueSpan, out time);
                }
            }
            else if (reader.ValueTextEquals("events"u8))
            {
                // Kept as a reader copy: the envelope's channel and sequence may come after the events.
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return Reject(sink, FrameRejectReason.WrongFieldType, null);
                }

                events = reader;
                hasEvents = true;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                // {"type":"error","message":…}: a reply to a bad subscribe, no channel.
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8))
                {
                    return ParseStatus.Control;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (sequence >= 0)
        {
            CheckSequence(sequence, receiveTime, sink);
        }

        switch (channel)
        {
            case CoinbaseAdvancedChannel.Missing:
                return Reject(sink, FrameRejectReason.MissingField, null);
            case CoinbaseAdvancedChannel.Unknown:
                return Reject(sink, FrameRejectReason.UnknownType, null);
            case CoinbaseAdvancedChannel.Control:
                return ParseStatus.Control;
            case CoinbaseAdvancedChannel.Ignored:
                return ParseStatus.Ignored;
        }

        if (!hasEvents)
        {
            return Reject(sink, FrameRejectReason.MissingField, null);
        }

        return channel switch
        {
            CoinbaseAdvancedChannel.Level2 => ParseLevel2Events(ref events, sequence, time, receiveTime, sink),
            CoinbaseAdvancedChannel.MarketTrades => ParseTradeEvents(ref events, receiveTime, sink),
            _ => ParseTickerEvents(ref events, sequence, time, receiveTime, sink),
        };
    }

    private void CheckSequence(long sequence, Timestamp receiveTime, IMarketEventSink sink)
    {
        if (_lastSequence >= 0 && sequence != _lastSequence + 1)
        {
            SequenceGaps++;
            foreach (var symbol in _bookSymbols)
            {
                sink.OnBookEvent(BookEvent.Reset(symbol, receiveTime));
            }
        }

        _lastSequence = sequence;
    }

    private void RememberBook(string symbol)
    {
        foreach (var known in _bookSymbols)
        {
            if (ReferenceEquals(known, symbol))
            {
                return;
            }
        }

        _bookSymbols.Add(symbol);
    }

    private static CoinbaseAdvancedChannel Classify(ReadOnlySpan<byte> channel)
    {
        if (channel.SequenceEqual("l2_data"u8) || channel.SequenceEqual("level2"u8))
        {
            return CoinbaseAdvancedChannel.Level2;
        }

        if (channel.SequenceEqual("market_trades"u8))
        {
            return CoinbaseAdvancedChannel.MarketTrades;
        }

        if (channel.SequenceEqual("ticker"u8))
        {
            return CoinbaseAdvancedChannel.Ticker;
        }

        if (channel.SequenceEqual("heartbeats"u8) || channel.SequenceEqual("subscriptions"u8))
        {
            return CoinbaseAdvancedChannel.Control;
        }

        return channel.SequenceEqual("ticker_batch"u8) || channel.SequenceEqual("candles"u8) || channel.SequenceEqual("status"u8)
            || channel.SequenceEqual("user"u8) || channel.SequenceEqual("futures_balance_summary"u8)
            ? CoinbaseAdvancedChannel.Ignored
            : CoinbaseAdvancedChannel.Unknown;
    }
}
