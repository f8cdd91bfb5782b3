using System.Collections.Concurrent;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Runtime;

namespace OrleansFeed.Api.Tests.Fakes;

/// <summary>Gives the registered fake book grains by key; unknown keys throw as a real factory would for a broken grain.</summary>
internal sealed class FakeGrainFactory : IGrainFactory
{
    private readonly ConcurrentDictionary<string, IOrderBookGrain> _books = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, IAggregatorGrain> _aggregators = new(StringComparer.Ordinal);

    public void Add(string key, IOrderBookGrain grain) => _books[key] = grain;

    public void AddAggregator(string key, IAggregatorGrain grain) => _aggregators[key] = grain;

    public TGrainInterface GetGrain<TGrainInterface>(string key)
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
}
