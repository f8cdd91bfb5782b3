namespace OrleansFeed.Core.Aggregation.Stats;

/// <summary>A venue's own 24 h ticker values (e.g. Binance <c>GET /api/v3/ticker/24hr</c>), for comparison with ours.</summary>
/// <param name="BaseVolume">The venue's 24 h volume in base units; null when not given.</param>
/// <param name="Last">The venue's last price, quote currency; null when not given.</param>
/// <param name="High">The venue's 24 h high, quote currency; null when not given.</param>
/// <param name="Low">The venue's 24 h low, quote currency; null when not given.</param>
public readonly record struct VenueTicker(decimal? BaseVolume, decimal? Last, decimal? High, decimal? Low);
