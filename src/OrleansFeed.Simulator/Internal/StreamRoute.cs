namespace OrleansFeed.Simulator.Internal;

/// <summary>
/// The connection routes of the 2026 USD-M split (shared/docs/exchange-protocols.md §2): <c>/public</c> carries
/// <c>@depth*</c> and <c>@bookTicker</c>, <c>/market</c> everything else. Spot and legacy URLs carry all.
/// </summary>
internal enum StreamRoute : byte
{
    /// <summary>Legacy and spot <c>/stream</c>, <c>/ws</c>: every stream.</summary>
    All,

    /// <summary><c>/public/…</c>: depth and book-ticker streams only.</summary>
    Public,

    /// <summary><c>/market/…</c>: trades, klines, tickers; no depth.</summary>
    Market,
}
