using System.Threading.RateLimiting;
using OrleansFeed.Api.Security.Audit;
using OrleansFeed.Api.Security.Options;

namespace OrleansFeed.Api.Security.Limits;

/// <summary>
/// What one WebSocket session may do, fixed at the upgrade: its client and tier, the subscription cap, the inbound
/// message token bucket and, for a JWT, when the token expires. The session consults it and reports subscription
/// changes through it (audited). Created by <see cref="WebSocketAccessFactory"/>; the session owns and disposes it.
/// </summary>
internal sealed class WebSocketClientAccess : IDisposable
{
    private readonly RateLimiter _messages;
    private readonly AuditLog _audit;

    public WebSocketClientAccess(string client, string tier, ClientTierOptions limits, DateTimeOffset? expiresAt, TimeProvider time, AuditLog audit)
    {
        Client = client;
        Tier = tier;
        MaxSubscriptions = limits.MaxSubscriptions;
        MessagesPerSecond = limits.MessagesPerSecond;
        ExpiresAt = expiresAt;
        _messages = new ClockTokenBucket(limits.MessageBurst, limits.MessagesPerSecond, time);
        _audit = audit;
    }

    public string Client { get; }

    public string Tier { get; }

    public int MaxSubscriptions { get; }

    public int MessagesPerSecond { get; }

    /// <summary>When the session's token expires (its <c>exp</c>); null for API keys and anonymous clients.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Takes one inbound message from the bucket; false when the client sends too fast.</summary>
    public bool TryAcceptMessage()
    {
        using var lease = _messages.AttemptAcquire();
        return lease.IsAcquired;
    }

    public void Opened(long sessionId) => _audit.WebSocketOpened(sessionId, Client, Tier, ExpiresAt);

    public void Subscribed(long sessionId, string channel, string key) => _audit.SubscriptionAdded(sessionId, Client, channel, key);

    public void Unsubscribed(long sessionId, string channel, string key) => _audit.SubscriptionRemoved(sessionId, Client, channel, key);

    public void SubscriptionRefused(long sessionId) => _audit.SubscriptionRefused(sessionId, Client, MaxSubscriptions, Tier);

    public void ClosedByPolicy(long sessionId, string reason) => _audit.WebSocketClosedByPolicy(sessionId, Client, reason);

    public void Dispose() => _messages.Dispose();
}
