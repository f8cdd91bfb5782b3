using System.Collections.Concurrent;

namespace OrleansFeed.Grains.Connectors;

/// <summary>
/// The connectors active on this silo, for the silo's shutdown hand-over, readiness and the cluster listing without a
/// grain call. Written by <see cref="ExchangeConnectorGrain"/> activations; read from anywhere (thread-safe).
/// </summary>
public sealed class ConnectorDirectory
{
    private readonly ConcurrentDictionary<string, byte> _venues = new(StringComparer.Ordinal);

    /// <summary>The venue ids whose connector is active here, sorted.</summary>
    public IReadOnlyList<string> Venues => [.. _venues.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Whether the venue's connector is active on this silo.</summary>
    /// <param name="venue">Venue id.</param>
    /// <returns>True when active here.</returns>
    public bool Contains(string venue) => _venues.ContainsKey(venue);

    /// <summary>Records an activated connector.</summary>
    /// <param name="venue">Venue id (the connector's key).</param>
    public void Register(string venue) => _venues[venue] = 0;

    /// <summary>Removes a deactivated connector.</summary>
    /// <param name="venue">Venue id.</param>
    public void Unregister(string venue) => _venues.TryRemove(venue, out _);
}
