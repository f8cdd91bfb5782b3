namespace OrleansFeed.Exchanges.Coinbase;

/// <summary>The two Coinbase public market-data WebSocket APIs (different protocols; shared/docs/exchange-protocols.md §5 warns not to mix them).</summary>
public enum CoinbaseFeed : byte
{
    /// <summary>
    /// Coinbase Exchange, formerly Coinbase Pro: <c>wss://ws-feed.exchange.coinbase.com</c> (recorded as
    /// <c>wss://ws-feed.pro.coinbase.com</c>), <c>level2</c> snapshot + <c>l2update</c>, <c>matches</c>, <c>ticker</c>. Venue id <c>coinbase</c>.
    /// </summary>
    Exchange,

    /// <summary>Coinbase Advanced Trade: <c>wss://advanced-trade-ws.coinbase.com</c>, <c>level2</c> → <c>l2_data</c>, <c>market_trades</c>, <c>ticker</c>, <c>heartbeats</c> (§5). Venue id <c>coinbase-advanced</c>.</summary>
    AdvancedTrade,
}
