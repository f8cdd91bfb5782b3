using System.Collections.Concurrent;

namespace OrleansFeed.Api.WebSockets;

/// <summary>The open WebSocket sessions of this silo and their counters (for diagnostics and tests). Thread-safe.</summary>
public sealed class WebSocketSessionRegistry
{
    private readonly ConcurrentDictionary<long, WebSocketSessionStats> _sessions = new();
    private long _nextId;

    /// <summary>Counters of the open sessions, ordered by id.</summary>
    public IReadOnlyList<WebSocketSessionStats> Sessions => _sessions.Values.OrderBy(s => s.Id).ToList();

    internal WebSocketSessionStats Register(string? remote)
    {
        var stats = new WebSocketSessionStats(Interlocked.Increment(ref _nextId), remote);
        _sessions[stats.Id] = stats;
        return stats;
    }

    internal void Unregister(WebSocketSessionStats stats)
    {
        stats.IsOpen = false;
        _sessions.TryRemove(stats.Id, out _);
    }
}
