namespace OrleansFeed.Runtime;

/// <summary>
/// Gives references to grains by interface and key, as Orleans' <c>IGrainFactory</c>. The grain always
/// exists logically: the first call activates it; callers never create or destroy grains.
/// </summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of interface <typeparamref name="TGrainInterface"/> with key <paramref name="key"/>.</summary>
    /// <typeparam name="TGrainInterface">A grain interface registered with the silo.</typeparam>
    /// <param name="key">The grain key; case-sensitive; not empty.</param>
    /// <returns>A reference; cheap to create; calls on it are queued to the activation's turns.</returns>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    /// <exception cref="InvalidOperationException">No implementation is registered for the interface.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;
}
