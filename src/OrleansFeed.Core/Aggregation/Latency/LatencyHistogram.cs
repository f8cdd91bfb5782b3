using System.Numerics;

namespace OrleansFeed.Core.Aggregation.Latency;

/// <summary>
/// A fixed-memory latency histogram with HdrHistogram-style log-linear buckets, for venue event → NBBO
/// publish latency percentiles (p50, p99, p99.9).
/// </summary>
/// <remarks>
/// <para>Buckets: values below 128 µs are counted exactly (1 µs wide); above, each power-of-two range
/// [2^e, 2^(e+1)) is split into 64 equal buckets, so a reported value is at most 1/64 (≈ 1.6 %) above the
/// true one. Values at or above 2^40 µs (≈ 12.7 days) are counted in the top bucket. Memory: 2,368 counters
/// (≈ 19 KB), allocated once.</para>
/// <para><see cref="Record(long)"/> allocates nothing. Negative latencies (receive clock behind the venue's or
/// a time step) are recorded as 0 and counted in <see cref="NegativeCount"/>. Not thread-safe: one writer.</para>
/// </remarks>
public sealed class LatencyHistogram
{
    private const int ExactLimit = 128;
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int FirstExponent = 7;
    private const int LastExponent = 39;
    private const int BucketCount = ExactLimit + ((LastExponent - FirstExponent + 1) * SubBuckets);

    private readonly long[] _counts = new long[BucketCount];

    /// <summary>Number of recorded values.</summary>
    public long Count { get; private set; }

    /// <summary>Number of negative inputs (recorded as 0).</summary>
    public long NegativeCount { get; private set; }

    /// <summary>Largest recorded value in microseconds (exact, not bucketed); 0 when empty.</summary>
    public long MaxMicroseconds { get; private set; }

    /// <summary>Records one latency.</summary>
    /// <param name="latency">The latency; resolution 1 µs (sub-microsecond ticks truncated).</param>
    public void Record(TimeSpan latency) => Record(latency.Ticks / TimeSpan.TicksPerMicrosecond);

    /// <summary>Records one latency in microseconds.</summary>
    /// <param name="microseconds">The latency in µs; negative is counted in <see cref="NegativeCount"/> and recorded as 0.</param>
    public void Record(long microseconds)
    {
        if (microseconds < 0)
        {
            NegativeCount++;
            microseconds = 0;
        }

        _counts[IndexOf(microseconds)]++;
        Count++;
        if (microseconds > MaxMicroseconds)
        {
            MaxMicroseconds = microseconds;
        }
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest bucket value such that at least <paramref name="percentile"/> %
    /// of the recorded values are at or below it, reported as the bucket's highest value (never above the max).
    /// </summary>
    /// <param name="percentile">Percentile in 0..100, e.g. 50, 99, 99.9.</param>
    /// <returns>Latency in µs; 0 when nothing was recorded.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The percentile is outside 0..100 or not a number.</exception>
    public long ValueAtPercentile(double percentile)
    {
        if (!(percentile >= 0 && percentile <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Percentile must be within 0..100.");
        }

        if (Count == 0)
        {
            return 0;
        }

        // Rank in decimal: (decimal)99.9 is exactly 99.9, so 99.9 % of 1000 is rank 999, not 1000.
        var rank = (long)Math.Ceiling((decimal)percentile / 100m * Count);
        rank = Math.Max(rank, 1);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(HighestValueOf(i), MaxMicroseconds);
            }
        }

        return MaxMicroseconds;
    }

    /// <summary>
    /// <see cref="ValueAtPercentile"/> when it is a measurement: null when nothing was recorded or when the percentile
    /// falls in the top bucket (at or above 2^40 µs, whose values are not resolved: e.g. exchange times from a recording).
    /// </summary>
    /// <param name="percentile">Percentile in 0..100.</param>
    /// <returns>Latency in µs, or null.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The percentile is outside 0..100 or not a number.</exception>
    public long? MeasuredValueAtPercentile(double percentile)
    {
        var value = ValueAtPercentile(percentile);
        return Count == 0 || IndexOf(value) == BucketCount - 1 ? null : value;
    }

    /// <summary>Clears all counts (start of a new reporting interval).</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Count = 0;
        NegativeCount = 0;
        MaxMicroseconds = 0;
    }

    private static int IndexOf(long value)
    {
        if (value < ExactLimit)
        {
            return (int)value;
        }

        var exponent = BitOperations.Log2((ulong)value);
        if (exponent > LastExponent)
        {
            return BucketCount - 1;
        }

        var sub = (int)(value >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return ExactLimit + ((exponent - FirstExponent) * SubBuckets) + sub;
    }

    private static long HighestValueOf(int index)
    {
        if (index < ExactLimit)
        {
            return index;
        }

        var exponent = FirstExponent + ((index - ExactLimit) / SubBuckets);
        var sub = (index - ExactLimit) % SubBuckets;
        var width = 1L << (exponent - SubBucketBits);
        var low = (1L << exponent) + (sub * width);
        return low + width - 1;
    }
}
