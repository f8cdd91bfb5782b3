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
    private readonly TimeProvider _time;
    private ITimer? _expiry;

    public WebSocketClientAccess(string client, string tier, ClientTierOptions limits, DateTimeOffset? expiresAt, TimeProvider time, AuditLog audit)
    {
        Client = client;
        Tier = tier;
        MaxSubscriptions = limits.MaxSubscriptions;
        MessagesPerSecond = limits.MessagesPerSecond;
        ExpiresAt = expiresAt;
        _messages = new ClockTokenBucket(limits.MessageBurst, limits.MessagesPerSecond, time);
        _audit = audit;
        _time = time;
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

    /// <summary>
    /// Calls <paramref name="onExpired"/> once, on a timer thread, when <see cref="ExpiresAt"/> is reached (at once if it
    /// has passed); nothing without an expiry. The due time is taken from the clock now, so a clock that moved before
    /// this call is honoured.
    /// </summary>
    public void WhenExpired(Action onExpired)
    {
        if (ExpiresAt is not { } expiresAt)
        {
            return;
        }

        var due = expiresAt - _time.GetUtcNow();
        _expiry = _time.CreateTimer(static state => ((Action)state!)(), onExpired, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public void Opened(long sessionId) => _audit.WebSocketOpened(sessionId, Client, Tier, ExpiresAt);

    public void Subscribed(long sessionId, string channel, string key) => _audit.SubscriptionAdded(sessionId, Client, channel, key);

    public void Unsubscribed(long sessionId, string channel, string key) => _audit.SubscriptionRemoved(sessionId, Client, channel, key);

    public void SubscriptionRefused(long sessionId) => _audit.SubscriptionRefused(sessionId, Client, MaxSubscriptions, Tier);

    public void ClosedByPolicy(long sessionId, string reason) => _audit.WebSocketClosedByPolicy(sessionId, Client, reason);

    public void Dispose()
    {
        _expiry?.Dispose();
        _messages.Dispose();
    }
}
