namespace OrleansFeed.Exchanges.Binance.Messages;

/// <summary>The Binance stream payloads the parser distinguishes (shared/docs/exchange-protocols.md §1, §2).</summary>
internal enum BinanceStreamKind : byte
{
    /// <summary>Not determined yet.</summary>
    Unknown,

    /// <summary><c>&lt;symbol&gt;@depth[@100ms]</c>: <c>depthUpdate</c> diffs.</summary>
    Depth,

    /// <summary><c>&lt;symbol&gt;@aggTrade</c>.</summary>
    AggTrade,

    /// <summary><c>&lt;symbol&gt;@trade</c>.</summary>
    Trade,

    /// <summary><c>&lt;symbol&gt;@bookTicker</c>.</summary>
    BookTicker,

    /// <summary><c>serverShutdown</c> notice (2026).</summary>
    ServerShutdown,

    /// <summary>A valid stream we do not use (kline, partial depth, tickers).</summary>
    Ignored,
}
