namespace OrleansFeed.Exchanges.Bitfinex.Messages;

/// <summary>What a subscribed Bitfinex channel carries (from its <c>subscribed</c> event).</summary>
internal enum BitfinexChannelKind : byte
{
    /// <summary>A trading-pair <c>book</c> channel with P0..P4 precision (price, count, amount levels).</summary>
    Book,

    /// <summary>A trading-pair <c>trades</c> channel.</summary>
    Trades,

    /// <summary>A trading-pair <c>ticker</c> channel.</summary>
    Ticker,

    /// <summary>A channel this connector does not use (raw books, funding, candles, unknown symbols).</summary>
    Other,
}
