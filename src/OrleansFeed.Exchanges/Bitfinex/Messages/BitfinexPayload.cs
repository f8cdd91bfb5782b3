namespace OrleansFeed.Exchanges.Bitfinex.Messages;

/// <summary>What the second element of a Bitfinex channel frame turned out to be.</summary>
internal enum BitfinexPayload : byte
{
    /// <summary>Valid but unused (<c>tu</c>, trade history, other channels).</summary>
    Ignored,

    /// <summary>Data on a channel never subscribed: rejected.</summary>
    UnknownChannel,

    /// <summary><c>hb</c>.</summary>
    Heartbeat,

    /// <summary><c>cs</c> with the book checksum.</summary>
    Checksum,

    /// <summary><c>te</c> trade.</summary>
    Trade,

    /// <summary>A book snapshot list.</summary>
    BookSnapshot,

    /// <summary>One book level update.</summary>
    BookUpdate,

    /// <summary>A trading-pair ticker.</summary>
    Ticker,
}
