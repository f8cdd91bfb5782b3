using OrleansFeed.Bridge.Nats.Publishing;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Bridge.Nats.Routes;

/// <summary>One row of the stream → subject table (<see cref="BridgeRoutes"/>).</summary>
public interface IBridgeRoute
{
    /// <summary>Silo stream namespace, e.g. <c>book-deltas</c>.</summary>
    string Namespace { get; }

    /// <summary>What the stream is keyed by.</summary>
    RouteScope Scope { get; }

    /// <summary>The subject kind token after the prefix, e.g. <c>book</c>, <c>trade</c>, <c>candle</c>.</summary>
    string SubjectKind { get; }

    /// <summary>
    /// True when the route is published only if the silo declares its namespace
    /// (<see cref="StreamNamespaceCheck"/>): the aggregator's rows, added before the aggregator exists.
    /// </summary>
    bool RequiresDeclaredNamespace { get; }

    /// <summary>Subscribes the route to one stream; every event is encoded and offered to <paramref name="queue"/>.</summary>
    /// <param name="streams">The silo's stream provider.</param>
    /// <param name="target">Stream key and identity.</param>
    /// <param name="prefix">Subject prefix.</param>
    /// <param name="queue">The bridge's bounded outbound queue.</param>
    /// <param name="options">Stream subscription queue settings (never <see cref="StreamOverflowPolicy.Wait"/>, so ingest never waits).</param>
    /// <returns>The subscription; dispose to stop.</returns>
    /// <exception cref="InvalidOperationException">The stream id is already used with another event type.</exception>
    IStreamSubscription Subscribe(IStreamProvider streams, RouteTarget target, string prefix, BridgeQueue queue, StreamSubscriptionOptions options);
}
