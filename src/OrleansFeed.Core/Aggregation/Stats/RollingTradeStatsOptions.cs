namespace OrleansFeed.Core.Aggregation.Stats;

/// <summary>Settings of a <see cref="RollingTradeStats"/> window. Immutable; change with <c>with</c>.</summary>
public sealed record RollingTradeStatsOptions
{
    /// <summary>Defaults: 24 h window, 1 s buckets, 64 exact trades kept per bucket, 5 s clock skew.</summary>
    public static RollingTradeStatsOptions Default { get; } = new();

    /// <summary>Window length; the window is <c>(now − Window, now]</c>. Default 24 h. Must be at least one <see cref="BucketWidth"/>.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Bucket width (resolution of the aggregates). Default 1 s; at least 1 µs.</summary>
    public TimeSpan BucketWidth { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Individual trades kept per bucket so the window edge is exact to the microsecond (1..65536, default 64).
    /// A bucket with more trades keeps its aggregates exact but loses the edge exactness while it straddles the
    /// window start (reported through <see cref="RollingStatsSnapshot.IsExact"/>).
    /// </summary>
    public int MaxTradesPerBucket { get; init; } = 64;

    /// <summary>
    /// How far a trade's exchange time may be ahead of <c>now</c> and still be accepted (venue clocks run ahead of
    /// ours by milliseconds). Default 5 s; 0 or more. Such trades count as in the window.
    /// </summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Window in microseconds.</summary>
    public long WindowMicroseconds => Window.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>Bucket width in microseconds.</summary>
    public long BucketWidthMicroseconds => BucketWidth.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>Upper bound of retained buckets: <c>(Window + MaxClockSkew) / BucketWidth + 2</c>.</summary>
    public long MaxBuckets => ((WindowMicroseconds + (MaxClockSkew.Ticks / TimeSpan.TicksPerMicrosecond)) / BucketWidthMicroseconds) + 2;

    /// <summary>Checks ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its documented range; the message names the key.</exception>
    public void Validate()
    {
        if (BucketWidthMicroseconds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BucketWidth), BucketWidth, "Aggregation:Stats:BucketWidth must be at least 1 µs.");
        }

        if (WindowMicroseconds < BucketWidthMicroseconds)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "Aggregation:Stats:Window must be at least one BucketWidth.");
        }

        if (MaxTradesPerBucket is < 1 or > 65_536)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTradesPerBucket), MaxTradesPerBucket, "Aggregation:Stats:MaxTradesPerBucket must be within 1..65536.");
        }

        if (MaxClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxClockSkew), MaxClockSkew, "Aggregation:Stats:MaxClockSkew must not be negative.");
        }
    }
}
