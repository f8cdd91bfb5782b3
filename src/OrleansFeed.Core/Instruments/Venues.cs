namespace OrleansFeed.Core.Instruments;

/// <summary>Venue ids used in book keys, API paths and NATS subjects.</summary>
public static class Venues
{
    /// <summary>Binance spot (stream.binance.com / api.binance.com).</summary>
    public const string Binance = "binance";

    /// <summary>Binance.US spot (same protocol as Binance spot).</summary>
    public const string BinanceUs = "binance-us";

    /// <summary>Binance USD-M futures (fstream / fapi).</summary>
    public const string BinanceFutures = "binance-futures";

    /// <summary>Binance COIN-M futures (dstream / dapi).</summary>
    public const string BinanceCoinFutures = "binance-coinm";

    /// <summary>Coinbase Exchange (formerly Coinbase Pro) WebSocket feed, <c>ws-feed.exchange.coinbase.com</c>.</summary>
    public const string Coinbase = "coinbase";

    /// <summary>Coinbase Advanced Trade market-data WebSocket, <c>advanced-trade-ws.coinbase.com</c> (§5).</summary>
    public const string CoinbaseAdvanced = "coinbase-advanced";

    /// <summary>Bitfinex WebSocket v2 (<c>api-pub.bitfinex.com/ws/2</c>), trading pairs.</summary>
    public const string Bitfinex = "bitfinex";
}
