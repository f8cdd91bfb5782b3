using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace OrleansFeed.Grains.Relay;

/// <summary>
/// A producer of fan-out streams (an order book for its book streams, an aggregator for its instrument streams) that
/// relays them to subscribers elsewhere in the cluster: a subscriber attaches an observer once per stream, and the
/// producer's silo forwards every event it publishes on that stream to it in ordered batches, one call in flight per
/// observer. Reached through the producer's own interface (<c>GetGrain&lt;IOrderBookGrain&gt;(key).AsReference&lt;IRelaySourceGrain&gt;()</c>),
/// so the call lands on the silo that holds the producer.
/// </summary>
[Alias("OrleansFeed.IRelaySourceGrain")]
public interface IRelaySourceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Attaches (or refreshes) <paramref name="observer"/> to this grain's stream <paramref name="streamNamespace"/>
    /// (keyed by this grain's key). Idempotent per stream and observer. A subscriber on the producer's own silo is only
    /// remembered, to be told when the producer ends (it hears the stream directly).
    /// </summary>
    /// <param name="streamNamespace">One of <see cref="RelayedStreams"/>' namespaces produced by this grain kind
    /// (<c>book-deltas</c>, <c>trades</c>, <c>venue-bbo</c>, <c>venue-ticker</c> on a book; <c>nbbo</c>, <c>stats</c>,
    /// <c>candles</c> on an aggregator).</param>
    /// <param name="subscriberSilo">The subscriber's silo; null for an external cluster client.</param>
    /// <param name="observer">An <see cref="IRelayObserver{T}"/> of the namespace's event type.</param>
    /// <returns>Where the producer runs and whether events are forwarded.</returns>
    /// <exception cref="ArgumentException">The namespace is not produced by this grain kind.</exception>
    [AlwaysInterleave]
    Task<RelayAttachment> AttachRelayAsync(string streamNamespace, SiloAddress? subscriberSilo, IRelayObserver observer);
}
