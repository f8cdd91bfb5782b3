namespace OrleansFeed.Exchanges.Kraken;

/// <summary>The Kraken channels the parser distinguishes (shared/docs/exchange-protocols.md §4).</summary>
internal enum KrakenChannel : byte
{
    /// <summary>Not recognised.</summary>
    Unknown,

    /// <summary>v1 <c>book-N</c>, v2 <c>book</c>.</summary>
    Book,

    /// <summary>v1 and v2 <c>trade</c>.</summary>
    Trade,

    /// <summary>v1 and v2 <c>ticker</c> (best bid/offer read from it).</summary>
    Ticker,

    /// <summary>v2 <c>heartbeat</c> and <c>status</c>: control.</summary>
    Control,

    /// <summary>A valid channel we do not use (<c>spread</c>, <c>ohlc-N</c>, <c>instrument</c>, <c>level3</c>).</summary>
    Ignored,
}
