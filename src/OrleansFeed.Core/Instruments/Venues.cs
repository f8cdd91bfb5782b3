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

    /// <summary>KuCoin spot, classic API (token handshake via <c>api.kucoin.com/api/v1/bullet-public</c>; exchange-protocols.md §3).</summary>
    public const string KuCoin = "kucoin";
}
