namespace OrleansFeed.Grains.Hosting.Cluster;

/// <summary>
/// The silo cluster, bound from the <c>Cluster</c> configuration section (docs/cluster.md). Without
/// <see cref="Redis"/> the service runs one embedded silo (localhost clustering, memory grain storage); with it every
/// silo sharing that Redis and <c>Silo:ClusterId</c> forms one cluster. Changes after start are not observed.
/// </summary>
public sealed class SiloClusterOptions
{
    /// <summary>The configuration section these options bind from: <c>Cluster</c>.</summary>
    public const string SectionName = "Cluster";

    /// <summary>
    /// StackExchange.Redis connection string (e.g. <c>127.0.0.1:6379</c>, CLI <c>run --cluster HOST:PORT</c>). When set:
    /// Orleans Redis clustering (membership table) and Redis grain storage (aggregator state, book epochs). Default
    /// unset: one embedded silo.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// How many silos the connector supervisor waits for before it places connectors, so silos started together spread
    /// the venues over all of them instead of the first one up taking every connector. Default 1 (place at once);
    /// waited for at most <see cref="FormationTimeout"/>.
    /// </summary>
    public int ExpectedSilos { get; set; } = 1;

    /// <summary>Longest wait for <see cref="ExpectedSilos"/> at start; then connectors are placed on the silos present. Default 30 s.</summary>
    public TimeSpan FormationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failure detection settings (<c>Cluster:Membership:*</c>).</summary>
    public MembershipTimingOptions Membership { get; set; } = new();

    /// <summary>True when <see cref="Redis"/> is set: the silo joins a Redis-backed cluster.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>Checks the ranges.</summary>
    /// <returns>One message per invalid setting; empty when valid.</returns>
    public IEnumerable<string> Validate()
    {
        if (ExpectedSilos < 1)
        {
            yield return $"{SectionName}:ExpectedSilos must be at least 1.";
        }

        if (FormationTimeout < TimeSpan.Zero)
        {
            yield return $"{SectionName}:FormationTimeout must not be negative.";
        }

        foreach (var problem in Membership.Validate())
        {
            yield return problem;
        }
    }
}
