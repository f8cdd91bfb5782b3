using NATS.Client.Core;
using OrleansFeed.Grains.Subjects;

namespace OrleansFeed.Client;

/// <summary>
/// Immutable options of an <see cref="OrleansFeedClient"/>; start from <see cref="Default"/> and change with <c>with</c>:
/// <c>OrleansFeedClientOptions.Default with { Nats = NatsOpts.Default with { Url = "nats://10.0.0.5:4222" } }</c>.
/// </summary>
public sealed record OrleansFeedClientOptions
{
    /// <summary>Defaults: local NATS, prefix <c>md.v1</c>, 5 s requests, full-depth snapshots.</summary>
    public static readonly OrleansFeedClientOptions Default = new();

    /// <summary>NATS connection options (URL, credentials, reconnect). Default <see cref="NatsOpts.Default"/> named <c>orleansfeed-client</c>.</summary>
    public NatsOpts Nats { get; init; } = NatsOpts.Default with { Name = "orleansfeed-client" };

    /// <summary>Subject prefix the silo's bridge publishes under. Default <c>md.v1</c>.</summary>
    public string SubjectPrefix { get; init; } = MdSubjects.DefaultPrefix;

    /// <summary>Timeout of each request (snapshot, ticker, trades). Default 5 s; must be positive.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Levels per side requested by book subscriptions' snapshots. Default <see cref="int.MaxValue"/>: every level the
    /// silo holds, so the copy is exact at every depth; a smaller value keeps only the top of the book exact (deltas
    /// deeper than the snapshot add levels that may be incomplete). Must be at least 1.
    /// </summary>
    public int SnapshotDepth { get; init; } = int.MaxValue;

    /// <summary>
    /// Capacity of a book subscription's delta channel in messages. When it overflows deltas are dropped by the NATS
    /// client, which the subscription sees as a gap and heals with a snapshot. Default 65,536; range 1..1,048,576.
    /// </summary>
    public int DeltaChannelCapacity { get; init; } = 65_536;

    /// <summary>Delay before retrying a failed snapshot request. Default 200 ms; must be positive.</summary>
    public TimeSpan SnapshotRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Clock for the snapshot retry delay. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Reply options of every request: <see cref="RequestTimeout"/> as the wait for the one reply.</summary>
    internal NatsSubOpts ReplyOpts => new() { Timeout = RequestTimeout };

    /// <summary>Subscription options of delta and trade subscriptions: a channel of <see cref="DeltaChannelCapacity"/>
    /// that drops the newest message when full (the book subscription sees the gap and resyncs).</summary>
    internal NatsSubOpts DeltaSubOpts => new() { ChannelOpts = new NatsSubChannelOpts { Capacity = DeltaChannelCapacity, FullMode = System.Threading.Channels.BoundedChannelFullMode.DropNewest } };

    /// <summary>Checks ranges.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(SubjectPrefix) || RequestTimeout <= TimeSpan.Zero || SnapshotDepth < 1
            || DeltaChannelCapacity is < 1 or > 1_048_576 || SnapshotRetryDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"Invalid OrleansFeed client options: SubjectPrefix='{SubjectPrefix}' (non-empty), RequestTimeout={RequestTimeout} (> 0), " +
                $"SnapshotDepth={SnapshotDepth} (>= 1), DeltaChannelCapacity={DeltaChannelCapacity} (1..1048576), SnapshotRetryDelay={SnapshotRetryDelay} (> 0).");
        }
    }
}
