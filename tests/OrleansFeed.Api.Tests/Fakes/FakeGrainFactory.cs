using System.Collections.Concurrent;
using OrleansFeed.Grains.Abstractions;
using Orleans;
using Orleans.Runtime;

namespace OrleansFeed.Api.Tests.Fakes;

/// <summary>Gives the registered fake book grains by key; unknown keys throw as a real factory would for a broken grain.</summary>
internal sealed class FakeGrainFactory : IGrainFactory
{
    private readonly ConcurrentDictionary<string, IOrderBookGrain> _books = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, IAggregatorGrain> _aggregators = new(StringComparer.Ordinal);

    public void Add(string key, IOrderBookGrain grain) => _books[key] = grain;

    public void AddAggregator(string key, IAggregatorGrain grain) => _aggregators[key] = grain;

    public TGrainInterface GetGrain<TGrainInterface>(string key, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey
    {
        if (typeof(TGrainInterface) == typeof(IOrderBookGrain) && _books.TryGetValue(key, out var grain))
        {
            return (TGrainInterface)grain;
        }

        if (typeof(TGrainInterface) == typeof(IAggregatorGrain) && _aggregators.TryGetValue(key, out var aggregator))
        {
            return (TGrainInterface)aggregator;
        }

        throw new InvalidOperationException($"No fake grain {typeof(TGrainInterface).Name}/{key}.");
    }

    // The API only asks for string-keyed grains; the other lookups of Orleans' factory are not part of what it uses.
    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => throw Unused();

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey => throw Unused();

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => throw Unused();

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => throw Unused();

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw Unused();

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw Unused();

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => throw Unused();

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => throw Unused();

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => throw Unused();

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => throw Unused();

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => throw Unused();

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => throw Unused();

    public IAddressable GetGrain(GrainId grainId) => throw Unused();

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => throw Unused();

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey, string grainClassNamePrefix) => throw Unused();

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey) => throw Unused();

    private static NotSupportedException Unused() => new("The API under test asks only for string-keyed grains.");
}
