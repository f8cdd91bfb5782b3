namespace OrleansFeed.Redis.LastValues;

/// <summary>
/// Latest-value sink for the <c>ticker</c>, <c>bbo</c>, <c>nbbo</c> and <c>stats</c> snapshots consumers read from
/// Redis (<c>{prefix}:lv:{kind}:{id}</c>, with a TTL). Implemented by <see cref="RedisLastValueWriter"/>.
/// </summary>
/// <remarks>
/// Contract: <see cref="Offer"/> copies the payload, returns at once, never blocks on I/O and never throws. Values are
/// coalesced per key: at most one write per key per <see cref="RedisOptions.LastValueMinInterval"/>, always of the
/// latest value offered. While Redis is down, the latest value per key is kept in memory (bounded by
/// <see cref="RedisOptions.LastValueMaxKeys"/>) and written when Redis returns. Thread-safe.
/// </remarks>
public interface ILastValueStore
{
    /// <summary>Offers the latest value of one key; copies <paramref name="jsonPayload"/> before returning.</summary>
    /// <param name="kind">One of <see cref="LastValueKinds"/> (other values are accepted as-is).</param>
    /// <param name="id">The instrument id, e.g. <c>binance:BTCUSDT</c>.</param>
    /// <param name="jsonPayload">The value as UTF-8 JSON (consumer contract DTO, decimals as strings); any bytes are stored as-is.</param>
    /// <returns>What happened to the value; counted in <see cref="Health.RedisHealth"/> too.</returns>
    LastValueOfferStatus Offer(string kind, string id, ReadOnlySpan<byte> jsonPayload);
}
