namespace OrleansFeed.Bridge.Nats.Status;

/// <summary>A point-in-time copy of the bridge's counters (all cumulative since the silo started).</summary>
/// <param name="Enabled">False when <c>Nats:Enabled</c> is off (every count stays 0).</param>
/// <param name="Connected">True while the NATS connection is open.</param>
/// <param name="ConnectionState">The NATS connection state text (<c>Closed</c>, <c>Connecting</c>, <c>Open</c>, <c>Reconnecting</c>, <c>Disposed</c>).</param>
/// <param name="Enqueued">Messages accepted by the outbound queue.</param>
/// <param name="Published">Messages handed to the NATS connection (written, or buffered while reconnecting).</param>
/// <param name="DroppedQueueFull">Messages dropped because the outbound queue was full (drop-newest policy).</param>
/// <param name="DroppedDisconnected">Messages dropped because NATS was not connected and its reconnect buffer was full or absent.</param>
/// <param name="DroppedStream">Events dropped by the bridge's silo stream subscriptions before encoding (their own bounded queues).</param>
/// <param name="PublishErrors">Publishes that failed for another reason (logged once per episode).</param>
/// <param name="QueueDepth">Messages waiting in the outbound queue now.</param>
/// <param name="Connects">Successful connects (first connect and every reconnect).</param>
/// <param name="Disconnects">Times an open connection was lost.</param>
/// <param name="Requests">Snapshot/ticker/trades requests answered.</param>
/// <param name="RequestErrors">Requests answered with an error.</param>
/// <param name="JetStreamReady">True when the JetStream streams were created/updated after the latest connect.</param>
/// <param name="JetStreamErrors">Failed JetStream stream create/update attempts.</param>
/// <param name="LastLatencyMicros">Receive-to-publish latency of the latest published message that carries a receive time, µs (our clock now minus the event's receive time; meaningless when replaying recorded captures, whose receive times are the recording's).</param>
/// <param name="MaxLatencyMicros">Largest receive-to-publish latency seen, µs.</param>
/// <param name="Subscriptions">Silo streams the bridge is subscribed to.</param>
/// <param name="SkippedRoutes">Routes not published because their stream namespace is not declared (e.g. <c>nbbo</c> before the aggregator exists).</param>
public sealed record NatsBridgeCounters(
    bool Enabled,
    bool Connected,
    string ConnectionState,
    long Enqueued,
    long Published,
    long DroppedQueueFull,
    long DroppedDisconnected,
    long DroppedStream,
    long PublishErrors,
    int QueueDepth,
    long Connects,
    long Disconnects,
    long Requests,
    long RequestErrors,
    bool JetStreamReady,
    long JetStreamErrors,
    long LastLatencyMicros,
    long MaxLatencyMicros,
    int Subscriptions,
    IReadOnlyList<string> SkippedRoutes)
{
    /// <summary>
    /// Dropped messages published later after all: the newest dropped message of a subject, sent once the outbound
    /// queue drained (so a consumer sees the gap of a book that went quiet, and full-value subjects end on their newest value).
    /// </summary>
    public long ResentAfterDrop { get; init; }
}
