namespace OrleansFeed.Exchanges.Binance.Messages;

/// <summary>Classifies Binance stream names and event types from their UTF-8 bytes.</summary>
internal static class BinanceStreamNames
{
    /// <summary>Classifies a combined-stream name such as <c>btcusdt@depth@100ms</c>.</summary>
    public static BinanceStreamKind FromStreamName(ReadOnlySpan<byte> stream)
    {
        if (stream.SequenceEqual("!serverShutdown"u8))
        {
            return BinanceStreamKind.ServerShutdown;
        }

        var at = stream.IndexOf((byte)'@');
        if (at < 0)
        {
            return BinanceStreamKind.Ignored;
        }

        var suffix = stream[(at + 1)..];
        var second = suffix.IndexOf((byte)'@');
        var name = second < 0 ? suffix : suffix[..second];
        if (name.SequenceEqual("depth"u8))
        {
            return BinanceStreamKind.Depth;
        }

        if (name.SequenceEqual("aggTrade"u8))
        {
            return BinanceStreamKind.AggTrade;
        }

        if (name.SequenceEqual("trade"u8))
        {
            return BinanceStreamKind.Trade;
        }

        return name.SequenceEqual("bookTicker"u8) ? BinanceStreamKind.BookTicker : BinanceStreamKind.Ignored;
    }

    /// <summary>Classifies a payload's <c>e</c> (event type) value.</summary>
    public static BinanceStreamKind FromEventType(ReadOnlySpan<byte> eventType)
    {
        if (eventType.SequenceEqual("depthUpdate"u8))
        {
            return BinanceStreamKind.Depth;
        }

        if (eventType.SequenceEqual("aggTrade"u8))
        {
            return BinanceStreamKind.AggTrade;
        }

        if (eventType.SequenceEqual("trade"u8))
        {
            return BinanceStreamKind.Trade;
        }

        if (eventType.SequenceEqual("bookTicker"u8))
        {
            return BinanceStreamKind.BookTicker;
        }

        return eventType.SequenceEqual("serverShutdown"u8) ? BinanceStreamKind.ServerShutdown : BinanceStreamKind.Ignored;
    }
}
