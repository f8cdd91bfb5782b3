using System.Collections.Concurrent;
using System.Text.Json;

namespace OrleansFeed.Runtime.Storage;

/// <summary>
/// Grain state kept in process memory as UTF-8 JSON (System.Text.Json defaults), as Orleans' memory grain
/// storage. Serializing copies the state, so a grain mutating its object after a write never changes what is
/// stored, exactly as with a remote store. Lost when the process stops. The default <see cref="IGrainStorage"/>;
/// the Redis provider replaces it in cluster mode. Thread-safe.
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, byte[]> _states = new();

    /// <summary>Reads a grain's state as a fresh copy.</summary>
    /// <typeparam name="TState">The state record type; must round-trip through System.Text.Json.</typeparam>
    /// <param name="grainId">The grain.</param>
    /// <param name="cancellationToken">Checked before reading.</param>
    /// <returns>A copy of the last written state, or null when none was written.</returns>
    /// <exception cref="JsonException">The stored JSON does not fit <typeparamref name="TState"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<TState?> ReadStateAsync<TState>(GrainId grainId, CancellationToken cancellationToken = default)
        where TState : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_states.TryGetValue(grainId, out var json) ? JsonSerializer.Deserialize<TState>(json) : null);
    }

    /// <summary>Replaces a grain's state with a serialized copy of <paramref name="state"/>.</summary>
    /// <typeparam name="TState">The state record type.</typeparam>
    /// <param name="grainId">The grain.</param>
    /// <param name="state">The state; not null.</param>
    /// <param name="cancellationToken">Checked before writing.</param>
    /// <returns>A completed task.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task WriteStateAsync<TState>(GrainId grainId, TState state, CancellationToken cancellationToken = default)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        _states[grainId] = JsonSerializer.SerializeToUtf8Bytes(state);
        return Task.CompletedTask;
    }

    /// <summary>Deletes a grain's state; no error when none exists.</summary>
    /// <param name="grainId">The grain.</param>
    /// <param name="cancellationToken">Checked before deleting.</param>
    /// <returns>A completed task.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task ClearStateAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _states.TryRemove(grainId, out _);
        return Task.CompletedTask;
    }
}
