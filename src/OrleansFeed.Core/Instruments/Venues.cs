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

    /// <summary>Kraken spot (ws.kraken.com WebSocket v1 and v2, api.kraken.com REST).</summary>
    public const string Kraken = "kraken";
}
