namespace OrleansFeed.Exchanges.Coinbase.Messages;

/// <summary>The Advanced Trade <c>channel</c> values the parser distinguishes (§5).</summary>
internal enum CoinbaseAdvancedChannel : byte
{
    /// <summary>No <c>channel</c> field: rejected.</summary>
    Missing,

    /// <summary>A channel we do not know: rejected.</summary>
    Unknown,

    /// <summary><c>l2_data</c> (the <c>level2</c> subscription).</summary>
    Level2,

    /// <summary><c>market_trades</c>.</summary>
    MarketTrades,

    /// <summary><c>ticker</c>.</summary>
    Ticker,

    /// <summary><c>heartbeats</c>, <c>subscriptions</c>.</summary>
    Control,

    /// <summary>Valid channels we do not use (<c>ticker_batch</c>, <c>candles</c>, <c>status</c>, <c>user</c>).</summary>
    Ignored,
}
