namespace OrleansFeed.Redis;

/// <summary>
/// Builds every key this provider writes. One place, so the README's key table and the code cannot drift.
/// </summary>
public static class RedisKeys
{
    /// <summary>Grain state key <c>{prefix}:grain:{grainType}:{grainKey}</c>.</summary>
    /// <param name="prefix">The <see cref="RedisOptions.KeyPrefix"/>.</param>
    /// <param name="grainType">Grain type name, e.g. <c>IOrderBookGrain</c>.</param>
    /// <param name="grainKey">Grain key, e.g. <c>binance:BTCUSDT</c>.</param>
    /// <returns>The key.</returns>
    public static string Grain(string prefix, string grainType, string grainKey) => $"{prefix}:grain:{grainType}:{grainKey}";

    /// <summary>Last-value key <c>{prefix}:lv:{kind}:{id}</c>.</summary>
    /// <param name="prefix">The <see cref="RedisOptions.KeyPrefix"/>.</param>
    /// <param name="kind">One of <see cref="LastValues.LastValueKinds"/>, e.g. <c>bbo</c>.</param>
    /// <param name="id">The instrument id, e.g. <c>binance:BTCUSDT</c> or, for NBBO, <c>BTC-USDT</c>.</param>
    /// <returns>The key.</returns>
    public static string LastValue(string prefix, string kind, string id) => $"{prefix}:lv:{kind}:{id}";
}
