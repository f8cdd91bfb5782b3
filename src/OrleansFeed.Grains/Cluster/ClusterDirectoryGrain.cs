using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Grains.Cluster;

/// <summary>
/// In-memory <see cref="IClusterDirectoryGrain"/>: the latest <see cref="SiloPresence"/> per silo. Not persisted: every
/// silo republishes each supervisor interval, so a re-activation after a failover is complete again within one interval.
/// </summary>
public sealed class ClusterDirectoryGrain : Grain, IClusterDirectoryGrain
{
    private readonly Dictionary<string, SiloPresence> _silos = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task PublishAsync(SiloPresence presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        _silos[presence.Silo] = presence;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<SiloPresence[]> GetSilosAsync() =>
        Task.FromResult(_silos.Values.OrderBy(s => s.Silo, StringComparer.Ordinal).ToArray());
}
