namespace OrleansFeed.Redis.Health;

/// <summary>
/// Live state of the Redis provider: connected or not, last error, and last-value counters. A DI singleton updated by
/// <see cref="Connection.RedisConnection"/> and <see cref="LastValues.RedisLastValueWriter"/>; read by
/// <see cref="RedisHealthCheck"/> and readiness endpoints.
/// </summary>
/// <remarks>Thread-safe: counters use interlocked operations; the error text and times are set under a lock.</remarks>
public sealed class RedisHealth
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private int _connected;
    private string? _lastError;
    private DateTimeOffset? _lastErrorUtc;
    private DateTimeOffset? _lastStateChangeUtc;
    private long _outages;
    internal long Offers;
    internal long Writes;
    internal long WriteFailures;
    internal long Coalesced;
    internal long Dropped;
    internal long Keys;

    /// <summary>Creates the health state, initially disconnected (nothing connected yet).</summary>
    /// <param name="timeProvider">The clock used to stamp errors and state changes.</param>
    public RedisHealth(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <summary>True while the shared connection is up.</summary>
    public bool IsConnected => Volatile.Read(ref _connected) == 1;

    /// <summary>Copies the current state.</summary>
    /// <returns>The snapshot.</returns>
    public RedisHealthSnapshot GetSnapshot()
    {
        lock (_gate)
        {
            return new RedisHealthSnapshot(
                IsConnected, _lastError, _lastErrorUtc, _lastStateChangeUtc, Interlocked.Read(ref _outages),
                Interlocked.Read(ref Offers), Interlocked.Read(ref Writes), Interlocked.Read(ref WriteFailures),
                Interlocked.Read(ref Coalesced), Interlocked.Read(ref Dropped), Interlocked.Read(ref Keys));
        }
    }

    /// <summary>Marks the connection up; true only on a transition (so the caller logs once per episode).</summary>
    internal bool TryMarkConnected()
    {
        if (Interlocked.Exchange(ref _connected, 1) == 1)
        {
            return false;
        }

        lock (_gate)
        {
            _lastStateChangeUtc = _timeProvider.GetUtcNow();
        }

        return true;
    }

    /// <summary>Marks the connection down; true only on a transition from up (one outage episode).</summary>
    internal bool TryMarkDisconnected(string error)
    {
        RecordError(error);
        if (Interlocked.Exchange(ref _connected, 0) == 0)
        {
            return false;
        }

        Interlocked.Increment(ref _outages);
        lock (_gate)
        {
            _lastStateChangeUtc = _timeProvider.GetUtcNow();
        }

        return true;
    }

    internal void RecordError(string error)
    {
        lock (_gate)
        {
            _lastError = error;
            _lastErrorUtc = _timeProvider.GetUtcNow();
        }
    }
}
