namespace OrleansFeed.Redis.Membership;

/// <summary>One silo's row in the membership table, stored as JSON in hash field <see cref="SiloId"/>.</summary>
/// <param name="SiloId">Unique id of the silo process (a new id per start), e.g. <c>silo-1-638912345</c>.</param>
/// <param name="Address">Where other silos reach it, <c>host:port</c>.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="HeartbeatUtcMs">Last heartbeat, milliseconds since the Unix epoch, UTC, from the writer's TimeProvider.</param>
public sealed record SiloEntry(string SiloId, string Address, SiloStatus Status, long HeartbeatUtcMs);
