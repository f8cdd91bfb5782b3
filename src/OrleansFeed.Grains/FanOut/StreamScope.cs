namespace OrleansFeed.Grains.FanOut;

/// <summary>Which producers of a stream a subscription hears (see <see cref="StreamSubscriptionOptions.Scope"/>).</summary>
public enum StreamScope
{
    /// <summary>
    /// The stream's producer wherever it runs in the cluster: events published on this silo, and events of a producer on
    /// another silo, relayed here once per silo (the first such subscription starts the relay, the last one ends it).
    /// </summary>
    Cluster,

    /// <summary>
    /// Only events published on this silo; never starts a relay. For publishers of the owning silo (NATS bridge, Redis
    /// last values), so that a stream is published once in the cluster, and for the relay's own forwarders.
    /// </summary>
    Silo,
}
