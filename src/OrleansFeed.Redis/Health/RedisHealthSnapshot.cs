namespace OrleansFeed.Redis.Health;

/// <summary>A point-in-time copy of <see cref="RedisHealth"/>, for readiness endpoints and metrics.</summary>
/// <param name="IsConnected">True while the shared connection is up.</param>
/// <param name="LastError">The last connection or write error message, or null when none happened.</param>
/// <param name="LastErrorUtc">When <paramref name="LastError"/> happened (UTC, from the TimeProvider), or null.</param>
/// <param name="LastStateChangeUtc">When the connection last went up or down (UTC), or null before the first change.</param>
/// <param name="Outages">Number of connected-to-disconnected transitions (outage episodes) since start.</param>
/// <param name="LastValueOffers">Last-value offers accepted (including coalesced ones).</param>
/// <param name="LastValueWrites">Last-value keys written successfully.</param>
/// <param name="LastValueWriteFailures">Last-value writes that failed (the value stays pending and is retried).</param>
/// <param name="LastValueCoalesced">Offers that replaced a value not yet written (the older value was never written).</param>
/// <param name="LastValueDropped">Offers dropped: key limit reached, payload too large, or empty kind/id.</param>
/// <param name="LastValueKeys">Distinct last-value keys held in memory.</param>
public readonly record struct RedisHealthSnapshot(
    bool IsConnected,
    string? LastError,
    DateTimeOffset? LastErrorUtc,
    DateTimeOffset? LastStateChangeUtc,
    long Outages,
    long LastValueOffers,
    long LastValueWrites,
    long LastValueWriteFailures,
    long LastValueCoalesced,
    long LastValueDropped,
    long LastValueKeys);
