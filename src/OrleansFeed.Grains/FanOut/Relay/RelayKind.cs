using Orleans;
using Orleans.Runtime;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Relay;

namespace OrleansFeed.Grains.FanOut.Relay;

/// <summary>The typed half of a relayed namespace: creates its forwarder (producer's silo) and its receiver (subscriber's silo).</summary>
internal abstract class RelayKind
{
    private static readonly Dictionary<string, RelayKind> Kinds = new()
    {
        [StreamNamespaces.BookDeltas] = new BookDeltaRelayKind(),
        [StreamNamespaces.Trades] = new RelayKind<Trade>(),
        [StreamNamespaces.VenueBbo] = new RelayKind<BestBidOffer>(),
        [StreamNamespaces.VenueTicker] = new RelayKind<VenueTicker24h>(),
        [StreamNamespaces.Nbbo] = new RelayKind<AggregatedNbbo>(),
        [StreamNamespaces.Stats] = new RelayKind<AggregatedStats>(),
        [StreamNamespaces.Candles] = new RelayKind<CandleUpdate>(),
    };

    /// <summary>The event type of the namespace.</summary>
    public abstract Type EventType { get; }

    /// <summary>The kind of a relayed namespace.</summary>
    public static bool TryGet(string streamNamespace, out RelayKind kind) => Kinds.TryGetValue(streamNamespace, out kind!);

    /// <summary>Starts forwarding the local stream <paramref name="stream"/> to <paramref name="observer"/>.</summary>
    public abstract RelayForwarder CreateForwarder(InMemoryStreamProvider streams, FanOutStreamId stream, GrainId source, IRelayObserver observer, RelayOptions options, Action<RelayForwarder> ended);

    /// <summary>This silo's observer object for the namespace's event type.</summary>
    public abstract IRelayObserver GetObserver(RelayHub hub);

    /// <summary>
    /// Called after the subscriber silo attached again to a producer that ended: events published between the end and
    /// the new attachment were not relayed, so a kind whose consumers can recover says so here. Default: nothing (trades,
    /// BBO, tickers and aggregates are latest-value streams).
    /// </summary>
    /// <param name="grains">The silo's grain factory.</param>
    /// <param name="streams">The silo's fan-out.</param>
    /// <param name="stream">The stream.</param>
    /// <returns>Completes when announced.</returns>
    public virtual Task AnnounceReattachedAsync(IGrainFactory grains, InMemoryStreamProvider streams, FanOutStreamId stream) => Task.CompletedTask;
}

/// <inheritdoc />
internal class RelayKind<T> : RelayKind
{
    public override Type EventType => typeof(T);

    public override RelayForwarder CreateForwarder(InMemoryStreamProvider streams, FanOutStreamId stream, GrainId source, IRelayObserver observer, RelayOptions options, Action<RelayForwarder> ended) =>
        new RelayForwarder<T>(streams.GetStream<T>(stream), source, observer, options, ended);

    public override IRelayObserver GetObserver(RelayHub hub) => hub.GetObserver<T>();
}
