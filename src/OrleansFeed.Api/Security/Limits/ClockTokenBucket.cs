using System.Threading.RateLimiting;

namespace OrleansFeed.Api.Security.Limits;

/// <summary>
/// A token bucket (<see cref="RateLimiter"/>) that reads time from a <see cref="TimeProvider"/>, so tests drive it with a
/// fake clock: <c>capacity</c> tokens, refilled continuously at <c>tokensPerSecond</c>. It never queues: a request that
/// finds too few tokens fails at once with <see cref="MetadataName.RetryAfter"/> = time until enough tokens are back.
/// </summary>
/// <remarks>
/// The framework's <see cref="TokenBucketRateLimiter"/> reads the system stopwatch only; this one differs only in its
/// clock. Used as the partition limiter of ASP.NET Core rate limiting. Reports an idle duration once full, so the
/// partitioned limiter drops idle clients' buckets (memory stays bounded by active clients). Thread-safe.
/// </remarks>
internal sealed class ClockTokenBucket : ReplenishingRateLimiter
{
    private static readonly RateLimitLease Acquired = new BucketLease(true, null);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _capacity;
    private readonly double _perTick;
    private double _tokens;
    private long _last;
    private long _lastUsed;

    public ClockTokenBucket(int capacity, int tokensPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokensPerSecond, 1);
        _time = time;
        _capacity = capacity;
        _perTick = tokensPerSecond / (double)time.TimestampFrequency;
        _tokens = capacity;
        _last = _lastUsed = time.GetTimestamp();
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var now = _time.GetTimestamp();
                Refill(now);
                return _tokens >= _capacity ? _time.GetElapsedTime(_lastUsed, now) : null;
            }
        }
    }

    public override bool IsAutoReplenishing => false;

    public override TimeSpan ReplenishmentPeriod => TimeSpan.FromSeconds(1);

    public override bool TryReplenish()
    {
        lock (_lock)
        {
            Refill(_time.GetTimestamp());
        }

        return true;
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = (long)_tokens };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            Refill(now);
            if (permitCount == 0)
            {
                return _tokens >= 1 ? Acquired : Failed(1);
            }

            if (_tokens >= permitCount)
            {
                _tokens -= permitCount;
                _lastUsed = now;
                return Acquired;
            }

            return Failed(permitCount);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private RateLimitLease Failed(int permitCount)
    {
        var missingTicks = (permitCount - _tokens) / _perTick;
        return new BucketLease(false, TimeSpan.FromSeconds(missingTicks / _time.TimestampFrequency));
    }

    private void Refill(long now)
    {
        if (now > _last)
        {
            _tokens = Math.Min(_capacity, _tokens + ((now - _last) * _perTick));
            _last = now;
        }
    }

    private sealed class BucketLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
