namespace OrleansFeed.Grains.FanOut;

/// <summary>What a stream does when a subscriber's bounded queue is full.</summary>
public enum StreamOverflowPolicy
{
    /// <summary>The producer waits for room (back-pressure). Default for in-silo pipelines where no event may be lost.</summary>
    Wait,

    /// <summary>The oldest queued event is dropped and counted (for consumers that only need recent data).</summary>
    DropOldest,

    /// <summary>The new event is dropped and counted.</summary>
    DropNewest,
}

/// <summary>Per-subscription queue settings. Never unbounded.</summary>
public sealed record StreamSubscriptionOptions
{
    /// <summary>Default: capacity 65,536, policy <see cref="StreamOverflowPolicy.Wait"/>.</summary>
    public static StreamSubscriptionOptions Default { get; } = new();

    /// <summary>Queue capacity in events; 1..16,777,216. Default 65,536.</summary>
    public int Capacity { get; init; } = 65_536;

    /// <summary>What happens when the queue is full. Default <see cref="StreamOverflowPolicy.Wait"/>.</summary>
    public StreamOverflowPolicy OverflowPolicy { get; init; } = StreamOverflowPolicy.Wait;

    /// <summary>
    /// Which producers the subscription hears. Default <see cref="StreamScope.Cluster"/>: the stream's producer wherever
    /// it runs (a producer on another silo is relayed here); <see cref="StreamScope.Silo"/> for publishers that must
    /// publish each stream once in the cluster (NATS bridge, Redis last values).
    /// </summary>
    public StreamScope Scope { get; init; } = StreamScope.Cluster;
}
