namespace OrleansFeed.Nats.Js;

/// <summary>Where a consumer starts in the stream.</summary>
/// <seealso href="https://docs.nats.io/nats-concepts/jetstream/consumers#deliverpolicy"/>
public enum NatsJSDeliverPolicy
{
    /// <summary>From the first stored message.</summary>
    All = 0,

    /// <summary>Only messages stored after the consumer is created.</summary>
    New = 1,

    /// <summary>From <c>OptStartSeq</c> (inclusive).</summary>
    ByStartSequence = 2,

    /// <summary>From the first message stored at or after <c>OptStartTime</c>.</summary>
    ByStartTime = 3,
}

/// <summary>Options of an ordered (ephemeral, gap-free, self-recreating) consumer.</summary>
public sealed record NatsJSOrderedConsumerOpts
{
    /// <summary>Defaults: all messages, all subjects, channel of 1024.</summary>
    public static readonly NatsJSOrderedConsumerOpts Default = new();

    /// <summary>Start position; default <see cref="NatsJSDeliverPolicy.All"/>.</summary>
    public NatsJSDeliverPolicy DeliverPolicy { get; init; }

    /// <summary>First stream sequence with <see cref="NatsJSDeliverPolicy.ByStartSequence"/> (1-based).</summary>
    public ulong OptStartSeq { get; init; }

    /// <summary>Start time (UTC) with <see cref="NatsJSDeliverPolicy.ByStartTime"/>.</summary>
    public DateTimeOffset? OptStartTime { get; init; }

    /// <summary>Only subjects matching this filter; null for every subject of the stream.</summary>
    public string? FilterSubject { get; init; }

    /// <summary>How long the server keeps the consumer after its subscriber goes away. Default 5 s.</summary>
    public TimeSpan InactiveThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Capacity of the delivery channel; a full channel drops, which the consumer heals as a gap. Default 1024.</summary>
    public int ChannelCapacity { get; init; } = 1024;
}

/// <summary>Configuration of a durable pull consumer (ack policy explicit).</summary>
/// <param name="DurableName">Durable name: survives restarts and client disconnects.</param>
/// <seealso href="https://docs.nats.io/nats-concepts/jetstream/consumers#configuration"/>
public sealed record NatsJSConsumerConfig(string DurableName)
{
    /// <summary>Start position for a new consumer; default <see cref="NatsJSDeliverPolicy.All"/>.</summary>
    public NatsJSDeliverPolicy DeliverPolicy { get; init; }

    /// <summary>First stream sequence with <see cref="NatsJSDeliverPolicy.ByStartSequence"/>.</summary>
    public ulong OptStartSeq { get; init; }

    /// <summary>Only subjects matching this filter; null for all.</summary>
    public string? FilterSubject { get; init; }

    /// <summary>Redelivery delay of an unacknowledged message; default 30 s.</summary>
    public TimeSpan AckWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Maximum unacknowledged messages outstanding; default 1000.</summary>
    public int MaxAckPending { get; init; } = 1000;
}

/// <summary>A consumer's progress.</summary>
/// <param name="Name">Consumer name.</param>
/// <param name="DeliveredStreamSeq">Last delivered stream sequence.</param>
/// <param name="AckFloorStreamSeq">Stream sequence below which everything is acknowledged.</param>
/// <param name="NumAckPending">Delivered but not yet acknowledged.</param>
/// <param name="NumPending">Not yet delivered.</param>
public sealed record NatsJSConsumerInfo(string Name, ulong DeliveredStreamSeq, ulong AckFloorStreamSeq, long NumAckPending, long NumPending);
