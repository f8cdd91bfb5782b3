namespace OrleansFeed.Client.Cluster;

/// <summary>Options of <see cref="ClusterBookSubscription"/>; start from <see cref="Default"/> and change with <c>with</c>.</summary>
public sealed record ClusterBookSubscriptionOptions
{
    /// <summary>Full-depth snapshots, 65,536 buffered updates, re-attach after 1 s, refresh every 5 s.</summary>
    public static readonly ClusterBookSubscriptionOptions Default = new();

    /// <summary>Levels per side in snapshots. Default <see cref="int.MaxValue"/> (every level: the copy is exact at any depth); at least 1.</summary>
    public int SnapshotDepth { get; init; } = int.MaxValue;

    /// <summary>
    /// Updates buffered for a slow reader. When full, the silo's relay waits, then drops the oldest deltas for this
    /// client, which the subscription sees as a gap and heals with a snapshot. Default 65,536; 1..16,777,216.
    /// </summary>
    public int Capacity { get; init; } = 65_536;

    /// <summary>Wait after the book's activation ended before attaching to its next one (its connector re-activates it first). Default 1 s.</summary>
    public TimeSpan ReattachDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the subscription renews its attachment. A renewal that lands on another silo (the book's silo died and
    /// the book lives elsewhere now) is followed by a snapshot of the new incarnation. Default 5 s; positive.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Clock of the delays. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws on an out-of-range value.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (SnapshotDepth < 1 || Capacity is < 1 or > 16_777_216 || ReattachDelay < TimeSpan.Zero || RefreshInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("ClusterBookSubscriptionOptions: SnapshotDepth >= 1, Capacity 1..16777216, ReattachDelay >= 0 and RefreshInterval > 0 are required.");
        }
    }
}
