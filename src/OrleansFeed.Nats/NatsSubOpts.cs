namespace OrleansFeed.Nats;

/// <summary>Options of one subscription; immutable, changed with <c>with</c>.</summary>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#sub"/>
public sealed record NatsSubOpts
{
    /// <summary>Defaults: a channel of 1024 messages.</summary>
    public static readonly NatsSubOpts Default = new();

    /// <summary>
    /// Capacity, in messages, of the subscription's bounded channel. When it is full the newest message is dropped,
    /// counted in <see cref="NatsSubscription.DroppedCount"/>, and <see cref="NatsConnection.SlowConsumerDetected"/>
    /// is raised once per episode (until a message fits again). Default 1024; range 1..1,048,576.
    /// </summary>
    public int ChannelCapacity { get; init; } = 1024;

    /// <summary>Checks ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ChannelCapacity"/> is outside 1..1,048,576.</exception>
    public void Validate()
    {
        if (ChannelCapacity is < 1 or > 1_048_576)
        {
            throw new ArgumentOutOfRangeException(nameof(ChannelCapacity), ChannelCapacity, "Invalid NATS option Nats:SubOpts:ChannelCapacity; allowed: 1..1048576.");
        }
    }
}
