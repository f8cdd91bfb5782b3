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

    /// <summary>OKX v5 (ws.okx.com / www.okx.com), spot, swaps, futures and options on one venue id.</summary>
    public const string Okx = "okx";

    /// <summary>Bybit v5 linear category (USDT/USDC perpetuals and dated futures; stream.bybit.com/v5/public/linear).</summary>
    public const string Bybit = "bybit";

    /// <summary>Bybit v5 spot category (stream.bybit.com/v5/public/spot).</summary>
    public const string BybitSpot = "bybit-spot";

    /// <summary>Bybit v5 inverse category (coin-margined perpetuals and futures; stream.bybit.com/v5/public/inverse).</summary>
    public const string BybitInverse = "bybit-inverse";

    /// <summary>Kraken spot (ws.kraken.com WebSocket v1 and v2, api.kraken.com REST).</summary>
    public const string Kraken = "kraken";

    /// <summary>Coinbase Exchange (formerly Coinbase Pro) WebSocket feed, <c>ws-feed.exchange.coinbase.com</c>.</summary>
    public const string Coinbase = "coinbase";

    /// <summary>Coinbase Advanced Trade market-data WebSocket, <c>advanced-trade-ws.coinbase.com</c> (§5).</summary>
    public const string CoinbaseAdvanced = "coinbase-advanced";

    /// <summary>Bitfinex WebSocket v2 (<c>api-pub.bitfinex.com/ws/2</c>), trading pairs.</summary>
    public const string Bitfinex = "bitfinex";
}
