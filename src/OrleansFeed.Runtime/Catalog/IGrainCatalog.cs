namespace OrleansFeed.Runtime.Catalog;

/// <summary>
/// Diagnostic view of this silo's activations, as Orleans' catalog statistics. For health checks and metrics;
/// values are a moment's snapshot and may be stale by the time they are read. Thread-safe.
/// </summary>
public interface IGrainCatalog
{
    /// <summary>Activations currently in the catalog (including ones activating or deactivating).</summary>
    int ActivationCount { get; }

    /// <summary>A snapshot of the grain ids with an activation; allocates the returned array.</summary>
    /// <returns>The ids, in no particular order.</returns>
    IReadOnlyList<GrainId> GetActiveGrainIds();
}
