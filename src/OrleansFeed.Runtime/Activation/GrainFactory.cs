using System.Reflection;
using OrleansFeed.Runtime.Catalog;

namespace OrleansFeed.Runtime.Activation;

/// <summary>
/// The silo's <see cref="IGrainFactory"/>: hands out <see cref="DispatchProxy"/> references whose calls run in
/// the grain's activation, one turn at a time. Registered as a singleton by <c>AddGrainRuntime</c>; thread-safe.
/// </summary>
public sealed class GrainFactory : IGrainFactory
{
    private readonly GrainCatalog _catalog;
    private readonly GrainTypeMap _typeMap;

    internal GrainFactory(GrainCatalog catalog, GrainTypeMap typeMap)
    {
        _catalog = catalog;
        _typeMap = typeMap;
    }

    /// <summary>A reference to the grain <typeparamref name="TGrainInterface"/> with key <paramref name="key"/>.</summary>
    /// <typeparam name="TGrainInterface">A grain interface registered with <c>AddGrain</c>.</typeparam>
    /// <param name="key">The grain key; case-sensitive; not empty.</param>
    /// <returns>A new proxy (one small allocation); no activation is created until the first call.</returns>
    /// <exception cref="ArgumentException">The key is null or empty.</exception>
    /// <exception cref="InvalidOperationException">No class is registered for the interface.</exception>
    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_typeMap.TryGetGrainClass(typeof(TGrainInterface), out var grainClass))
        {
            throw new InvalidOperationException(
                $"No grain class is registered for {typeof(TGrainInterface).FullName}; call services.AddGrain<{typeof(TGrainInterface).Name}, TImplementation>().");
        }

        var proxy = DispatchProxy.Create<TGrainInterface, GrainProxy>();
        ((GrainProxy)(object)proxy).Initialize(_catalog, new GrainId(typeof(TGrainInterface).Name, key), grainClass);
        return proxy;
    }
}
