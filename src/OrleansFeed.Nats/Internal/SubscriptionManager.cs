using System.Collections.Concurrent;

namespace OrleansFeed.Nats.Internal;

/// <summary>Active subscriptions by sid. Sids are never reused, so a late MSG for a removed sid is simply dropped.</summary>
internal sealed class SubscriptionManager
{
    private readonly ConcurrentDictionary<long, ISubscriptionTarget> _subs = new();
    private long _nextSid;

    public int Count => _subs.Count;

    public long NextSid() => Interlocked.Increment(ref _nextSid);

    public void Add(ISubscriptionTarget target) => _subs[target.Sid] = target;

    public bool Remove(long sid) => _subs.TryRemove(sid, out _);

    public bool TryGet(long sid, out ISubscriptionTarget target) => _subs.TryGetValue(sid, out target!);

    /// <summary>A copy for resubscribing after reconnect, in sid order.</summary>
    public ISubscriptionTarget[] Snapshot() => [.. _subs.Values.OrderBy(s => s.Sid)];
}
