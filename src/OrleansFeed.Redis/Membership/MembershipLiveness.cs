namespace OrleansFeed.Redis.Membership;

/// <summary>Pure liveness rules over membership entries; no I/O, no clock of its own.</summary>
public static class MembershipLiveness
{
    /// <summary>
    /// True when a silo is dead: its status is <see cref="SiloStatus.Dead"/>, or its last heartbeat is more than
    /// <paramref name="heartbeatTimeout"/> before <paramref name="nowUtcMs"/>. A heartbeat exactly at the timeout
    /// is still alive. A heartbeat in the future (clock skew between silos) counts as fresh.
    /// </summary>
    /// <param name="entry">The silo entry.</param>
    /// <param name="nowUtcMs">Now, milliseconds since the Unix epoch, UTC.</param>
    /// <param name="heartbeatTimeout">Silence after which a silo is dead, e.g. <see cref="RedisOptions.MembershipHeartbeatTimeout"/>.</param>
    /// <returns>True when dead.</returns>
    public static bool IsDead(SiloEntry entry, long nowUtcMs, TimeSpan heartbeatTimeout) =>
        entry.Status == SiloStatus.Dead || nowUtcMs - entry.HeartbeatUtcMs > (long)heartbeatTimeout.TotalMilliseconds;

    /// <summary>The ids of the silos that are dead per <see cref="IsDead"/>, in input order.</summary>
    /// <param name="entries">The table, e.g. from <see cref="RedisMembershipTable.ReadAllAsync"/>.</param>
    /// <param name="nowUtcMs">Now, milliseconds since the Unix epoch, UTC.</param>
    /// <param name="heartbeatTimeout">Silence after which a silo is dead.</param>
    /// <returns>The dead silo ids; empty when all are alive.</returns>
    public static IReadOnlyList<string> FindDeadSilos(IEnumerable<SiloEntry> entries, long nowUtcMs, TimeSpan heartbeatTimeout)
    {
        var dead = new List<string>();
        foreach (var entry in entries)
        {
            if (IsDead(entry, nowUtcMs, heartbeatTimeout))
            {
                dead.Add(entry.SiloId);
            }
        }

        return dead;
    }
}
