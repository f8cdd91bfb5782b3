namespace OrleansFeed.Nats.Internal;

/// <summary>Something the reader loop delivers MSG/HMSG to: a public subscription or the request/reply inbox.</summary>
internal interface ISubscriptionTarget
{
    long Sid { get; }

    string Subject { get; }

    string? QueueGroup { get; }

    /// <summary>Called on the reader loop; must not block or throw.</summary>
    void Deliver(in ServerOp op, NatsConnection connection);
}
