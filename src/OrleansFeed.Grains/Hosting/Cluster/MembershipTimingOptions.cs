namespace OrleansFeed.Grains.Hosting.Cluster;

/// <summary>
/// How fast a dead silo is detected, bound from <c>Cluster:Membership</c> onto Orleans' <c>ClusterMembershipOptions</c>.
/// The defaults were measured on the 2-core machine (../shared/DEPENDENCIES.md, "Failover after kill -9"): probe 1 s,
/// adaptive probe timeout 1–1.5 s, 3 missed probes gave a Dead declaration in 2.4–4.2 s, also right after a
/// CPU-saturating benchmark; a larger <see cref="MaxProbeTimeout"/> let the timeout grow under load (10 s failover), and
/// turning the connection liveness check off declared a busy but healthy silo dead.
/// </summary>
/// <seealso href="https://learn.microsoft.com/dotnet/orleans/implementation/cluster-management"/>
public sealed class MembershipTimingOptions
{
    /// <summary>Orleans' <c>ProbeTimeout</c>: the interval between probes of a monitored silo. Default 1 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Orleans' <c>MinProbeTimeout</c>: the lower bound of the adaptive probe timeout. Default 1 s.</summary>
    public TimeSpan MinProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Orleans' <c>MaxProbeTimeout</c>: the upper bound of the adaptive probe timeout; caps the failover time
    /// at about <see cref="NumMissedProbesLimit"/> × this. Default 1.5 s.</summary>
    public TimeSpan MaxProbeTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Orleans' <c>NumMissedProbesLimit</c>: missed probes before a silo is suspected. Default 3.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Orleans' <c>EnableConnectionLivenessCheck</c>: a silo whose connection still answers is not voted dead
    /// for missed probes alone. Default true (false gave false deaths under load here).</summary>
    public bool EnableConnectionLivenessCheck { get; set; } = true;

    /// <summary>Checks the ranges.</summary>
    /// <returns>One message per invalid setting; empty when valid.</returns>
    public IEnumerable<string> Validate()
    {
        const string prefix = SiloClusterOptions.SectionName + ":Membership:";
        if (ProbeTimeout <= TimeSpan.Zero || MinProbeTimeout <= TimeSpan.Zero)
        {
            yield return $"{prefix}ProbeTimeout and {prefix}MinProbeTimeout must be greater than zero.";
        }

        if (MaxProbeTimeout < MinProbeTimeout)
        {
            yield return $"{prefix}MaxProbeTimeout ({MaxProbeTimeout}) must not be less than {prefix}MinProbeTimeout ({MinProbeTimeout}).";
        }

        if (NumMissedProbesLimit < 1)
        {
            yield return $"{prefix}NumMissedProbesLimit must be at least 1.";
        }
    }
}
