namespace OrleansFeed.Api.WebSockets;

/// <summary>
/// Live counters of one WebSocket connection, readable from any thread while the session runs and after it ends.
/// </summary>
public sealed class WebSocketSessionStats
{
    private long _messagesSent;
    private long _conflations;
    private long _snapshots;
    private long _tradesDropped;
    private int _slowConsumerDisconnected;

    internal WebSocketSessionStats(long id, string? remote)
    {
        Id = id;
        Remote = remote;
    }

    /// <summary>Session id, unique within the process, increasing from 1.</summary>
    public long Id { get; }

    /// <summary>Remote address and port, when known.</summary>
    public string? Remote { get; }

    /// <summary>Messages written to the socket.</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>Times a book subscription lost deltas (queue full or a sequence jump) and was conflated.</summary>
    public long Conflations => Interlocked.Read(ref _conflations);

    /// <summary>Book snapshots queued (first, after conflation and after rebuilds).</summary>
    public long Snapshots => Interlocked.Read(ref _snapshots);

    /// <summary>Trades not sent because the outbound queue was full.</summary>
    public long TradesDropped => Interlocked.Read(ref _tradesDropped);

    /// <summary>True when the session was closed as a slow consumer (status 1008).</summary>
    public bool SlowConsumerDisconnected => Volatile.Read(ref _slowConsumerDisconnected) != 0;

    /// <summary>True while the connection is open.</summary>
    public bool IsOpen { get; internal set; } = true;

    /// <summary>The session's current subscriptions (all channels).</summary>
    public int Subscriptions => SubscriptionCount?.Invoke() ?? 0;

    /// <summary>Set by the session: reads its subscription table.</summary>
    internal Func<int>? SubscriptionCount { get; set; }

    internal void MessageSent() => Interlocked.Increment(ref _messagesSent);

    internal void Conflated() => Interlocked.Increment(ref _conflations);

    internal void SnapshotQueued() => Interlocked.Increment(ref _snapshots);

    internal void TradeDropped() => Interlocked.Increment(ref _tradesDropped);

    internal void MarkSlowConsumer() => Volatile.Write(ref _slowConsumerDisconnected, 1);
}
