namespace OrleansFeed.Exchanges.Coinbase.Messages;

/// <summary>The Exchange-feed <c>type</c> values the parser distinguishes.</summary>
internal enum CoinbaseExchangeMessageType : byte
{
    /// <summary>A type we do not know: rejected.</summary>
    Unknown,

    /// <summary>No <c>type</c> field: rejected.</summary>
    Missing,

    /// <summary><c>snapshot</c>: full level2 book.</summary>
    Snapshot,

    /// <summary><c>l2update</c>: level changes.</summary>
    Update,

    /// <summary><c>match</c> or <c>last_match</c>: a trade.</summary>
    Match,

    /// <summary><c>ticker</c>: BBO.</summary>
    Ticker,

    /// <summary><c>subscriptions</c>, <c>heartbeat</c>, <c>error</c>.</summary>
    Control,

    /// <summary>Full-channel order events we do not use.</summary>
    Ignored,
}
