namespace OrleansFeed.Runtime.Storage;

/// <summary>
/// Persists grain state, as Orleans' <c>IGrainStorage</c>. The in-memory provider is the default; the
/// Redis provider is used in cluster mode. State is serialized as JSON by the provider.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads a grain's state.</summary>
    /// <typeparam name="TState">The state record type.</typeparam>
    /// <param name="grainId">The grain.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state, or null when none was written.</returns>
    Task<TState?> ReadStateAsync<TState>(GrainId grainId, CancellationToken cancellationToken = default)
        where TState : class;

    /// <summary>Writes (replaces) a grain's state.</summary>
    /// <typeparam name="TState">The state record type.</typeparam>
    /// <param name="grainId">The grain.</param>
    /// <param name="state">The state.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Completes when stored.</returns>
    Task WriteStateAsync<TState>(GrainId grainId, TState state, CancellationToken cancellationToken = default)
        where TState : class;

    /// <summary>Deletes a grain's state; no error when none exists.</summary>
    /// <param name="grainId">The grain.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>Completes when deleted.</returns>
    Task ClearStateAsync(GrainId grainId, CancellationToken cancellationToken = default);
}
