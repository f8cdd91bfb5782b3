namespace OrleansFeed.Exchanges.Bybit.Messages;

/// <summary>What a Bybit push's <c>topic</c> names (§7 "Topics and payloads"; the retired v2 topics of the 2021 recordings).</summary>
public enum BybitTopicKind : byte
{
    /// <summary>Not a topic we know.</summary>
    Unknown,

    /// <summary>v5 <c>orderbook.{depth}.{symbol}</c>: snapshot / delta of price levels.</summary>
    OrderBook,

    /// <summary>v5 <c>publicTrade.{symbol}</c>.</summary>
    PublicTrade,

    /// <summary>v2 <c>orderBookL2_25.{symbol}</c> / <c>orderBook_200.100ms.{symbol}</c>: id-keyed levels, delete/update/insert deltas.</summary>
    LegacyOrderBook,

    /// <summary>v2 <c>trade.{symbol}</c>.</summary>
    LegacyTrade,

    /// <summary>A known topic we do not use (tickers, klines, liquidations…).</summary>
    Ignored,
}
