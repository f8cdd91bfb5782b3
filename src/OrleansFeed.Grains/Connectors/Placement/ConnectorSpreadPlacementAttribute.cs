using Orleans.Placement;

namespace OrleansFeed.Grains.Connectors.Placement;

/// <summary>Places the grain with <see cref="ConnectorSpreadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ConnectorSpreadPlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public ConnectorSpreadPlacementAttribute()
        : base(ConnectorSpreadPlacement.Instance)
    {
    }
}
