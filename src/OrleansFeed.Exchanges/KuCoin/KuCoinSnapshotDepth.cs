namespace OrleansFeed.Exchanges.KuCoin;

/// <summary>Which KuCoin REST level-2 snapshot the connector syncs from (shared/docs/exchange-protocols.md §3 "REST").</summary>
public enum KuCoinSnapshotDepth : byte
{
    /// <summary>
    /// <c>GET /api/v1/market/orderbook/level2_100</c>: public, weight 2, best 100 levels per side. The default: the
    /// connector holds no API key. Levels beyond the 100th arrive only through diffs (see <see cref="KuCoinBookSync"/>).
    /// </summary>
    Top100,

    /// <summary><c>GET /api/v1/market/orderbook/level2_20</c>: public, weight 2, best 20 levels per side.</summary>
    Top20,

    /// <summary>
    /// <c>GET /api/v3/market/orderbook/level2</c>: the full book, weight 3, which KuCoin serves only to signed requests
    /// (API key, General permission). Use it behind a signing proxy or the simulator; the recordings used it.
    /// </summary>
    Full,
}
