namespace OrleansFeed.Exchanges.Common.Venues;

/// <summary>How to reach a venue live: connections for a symbol set, snapshot URLs and the REST budget.</summary>
public interface IVenueConnectivity
{
    /// <summary>The connections needed for the configured symbols (sharded by the venue's per-connection stream cap).</summary>
    /// <param name="options">Venue options.</param>
    /// <returns>Connection plans.</returns>
    IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options);

    /// <summary>The REST depth-snapshot URL for a symbol.</summary>
    /// <param name="options">Venue options.</param>
    /// <param name="symbol">Native symbol.</param>
    /// <returns>The URL.</returns>
    Uri SnapshotUri(VenueOptions options, string symbol);

    /// <summary>Request weight of one snapshot at the configured depth.</summary>
    /// <param name="options">Venue options.</param>
    /// <returns>The weight.</returns>
    int SnapshotWeight(VenueOptions options);

    /// <summary>REST weight budget per minute when <see cref="VenueOptions.RestWeightPerMinute"/> is 0.</summary>
    int DefaultWeightPerMinute { get; }
}
