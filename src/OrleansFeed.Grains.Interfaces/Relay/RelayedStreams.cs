using Orleans;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Grains.Relay;

/// <summary>Which grain produces a relayed stream.</summary>
public enum RelaySource
{
    /// <summary>The book's <see cref="IOrderBookGrain"/> (keyed <c>venue:symbol</c>): book deltas, and the trades, venue BBO
    /// and venue ticker its connector publishes on the same silo (a book lives with its connector).</summary>
    OrderBook,

    /// <summary>The instrument's <see cref="IAggregatorGrain"/> (keyed by instrument key): NBBO, stats, candles.</summary>
    Aggregator,
}

/// <summary>The fan-out namespaces that cross silos (<see cref="StreamNamespaces"/>), and the grain that produces each.</summary>
public static class RelayedStreams
{
    /// <summary>The producer kind of a namespace.</summary>
    /// <param name="streamNamespace">A <see cref="StreamNamespaces"/> value.</param>
    /// <param name="source">The producer kind when relayed.</param>
    /// <returns>False for a namespace that is not relayed.</returns>
    public static bool TryGetSource(string streamNamespace, out RelaySource source)
    {
        switch (streamNamespace)
        {
            case StreamNamespaces.BookDeltas or StreamNamespaces.Trades or StreamNamespaces.VenueBbo or StreamNamespaces.VenueTicker:
                source = RelaySource.OrderBook;
                return true;
            case StreamNamespaces.Nbbo or StreamNamespaces.Stats or StreamNamespaces.Candles:
                source = RelaySource.Aggregator;
                return true;
            default:
                source = default;
                return false;
        }
    }

    /// <summary>The producer grain of a stream, as the relay source it also is.</summary>
    /// <param name="grains">A grain factory (silo or cluster client).</param>
    /// <param name="streamNamespace">A relayed namespace.</param>
    /// <param name="key">The stream key (the producer's grain key).</param>
    /// <returns>The reference; calling it activates the producer if it is not active.</returns>
    /// <exception cref="ArgumentException">The namespace is not relayed.</exception>
    public static IRelaySourceGrain GetSource(IGrainFactory grains, string streamNamespace, string key)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (!TryGetSource(streamNamespace, out var source))
        {
            throw new ArgumentException($"Stream namespace '{streamNamespace}' is not relayed across silos.", nameof(streamNamespace));
        }

        return source == RelaySource.OrderBook
            ? grains.GetGrain<IOrderBookGrain>(key).AsReference<IRelaySourceGrain>()
            : grains.GetGrain<IAggregatorGrain>(key).AsReference<IRelaySourceGrain>();
    }
}
