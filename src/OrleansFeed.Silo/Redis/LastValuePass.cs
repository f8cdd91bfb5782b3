namespace OrleansFeed.Silo.Redis;

/// <summary>One publishing pass of <see cref="LastValuePublisher"/>.</summary>
/// <param name="Timestamp">The <see cref="TimeProvider"/> timestamp at the start of the pass (not wall time).</param>
/// <param name="RefreshAll">
/// True on the first pass after Redis (re)connected: every key is offered whether it changed or not, because the
/// server may have restarted empty or let keys expire while it was unreachable.
/// </param>
/// <param name="KeepAlive">
/// A key unchanged for this long is offered again so its TTL never runs out while the silo serves it
/// (<c>Redis:LastValueTtl</c> / 3).
/// </param>
public readonly record struct LastValuePass(long Timestamp, bool RefreshAll, TimeSpan KeepAlive);
