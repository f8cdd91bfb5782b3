using Orleans;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>
/// Where things run in the silo cluster: every silo publishes its <see cref="SiloPresence"/> (API URL, connectors,
/// books) here every supervisor interval; <c>GET /api/v1/cluster</c> reads it beside Orleans' membership. One grain,
/// key <see cref="Key"/>; its state is in memory and refilled by the next publications after a failover.
/// </summary>
[Alias("OrleansFeed.IClusterDirectoryGrain")]
public interface IClusterDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one key: <c>cluster</c>.</summary>
    const string Key = "cluster";

    /// <summary>Replaces the silo's entry.</summary>
    /// <param name="presence">What the silo runs.</param>
    /// <returns>Completes when stored.</returns>
    Task PublishAsync(SiloPresence presence);

    /// <summary>The latest entry of every silo that published (including silos since dead: join with membership).</summary>
    /// <returns>The entries, sorted by silo address.</returns>
    Task<SiloPresence[]> GetSilosAsync();
}
