namespace OrleansFeed.Grains.Connectors.Placement;

/// <summary>
/// Placement of the venue connectors: round-robin of the configured venues over the active silos (see
/// <see cref="ConnectorSpreadPlacementDirector"/>), so silos started together share the venues evenly and every silo
/// computes the same choice. Applied with <see cref="ConnectorSpreadPlacementAttribute"/>.
/// </summary>
[Serializable]
[GenerateSerializer]
[Immutable]
[Alias("OrleansFeed.ConnectorSpreadPlacement")]
public sealed class ConnectorSpreadPlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static ConnectorSpreadPlacement Instance { get; } = new();
}
