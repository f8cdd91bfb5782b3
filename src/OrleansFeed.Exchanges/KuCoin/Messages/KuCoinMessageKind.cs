namespace OrleansFeed.Exchanges.KuCoin.Messages;

/// <summary>The KuCoin frames the parser distinguishes, from <c>type</c> and <c>subject</c> (shared/docs/exchange-protocols.md §3).</summary>
internal enum KuCoinMessageKind : byte
{
    /// <summary>Not determined (no or unknown <c>type</c>).</summary>
    Unknown,

    /// <summary><c>welcome</c>, <c>ack</c>, <c>pong</c>, <c>notice</c>: connection control.</summary>
    Control,

    /// <summary><c>type:"error"</c>: the venue refused a request (unknown topic, rate limit).</summary>
    Error,

    /// <summary><c>trade.l2update</c> on <c>/market/level2:{symbol}</c>.</summary>
    Level2Update,

    /// <summary><c>trade.l3match</c> on <c>/market/match:{symbol}</c>.</summary>
    Match,

    /// <summary><c>trade.ticker</c> on <c>/market/ticker:{symbol}</c>.</summary>
    Ticker,

    /// <summary>A valid message of a topic we do not use (candles, snapshot, level1, depth5/50).</summary>
    Ignored,
}
