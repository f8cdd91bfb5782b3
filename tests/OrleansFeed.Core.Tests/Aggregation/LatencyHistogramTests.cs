using OrleansFeed.Core.Aggregation.Latency;

namespace OrleansFeed.Core.Tests.Aggregation;

/// <summary>Verifies latency percentiles on known distributions, exact below 128 µs and bucketed above.</summary>
public class LatencyHistogramTests
{
    [Fact]
    public void ValueAtPercentile_KnownSmallDistribution_GivesNearestRankValues()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 500; i++)
        {
            histogram.Record(10);
        }

        for (var i = 0; i < 490; i++)
        {
            histogram.Record(TimeSpan.FromMicroseconds(50));
        }

        for (var i = 0; i < 9; i++)
        {
            histogram.Record(100);
        }

        histogram.Record(120);

        // 1000 values: rank 500 is the last 10, rank 990 the last 50, rank 999 the last 100.
        histogram.Count.Should().Be(1000);
        histogram.ValueAtPercentile(50).Should().Be(10);
        histogram.ValueAtPercentile(50.1).Should().Be(50);
        histogram.ValueAtPercentile(99).Should().Be(50);
        histogram.ValueAtPercentile(99.9).Should().Be(100);
        histogram.ValueAtPercentile(100).Should().Be(120);
    }

    [Fact]
    public void ValueAtPercentile_LargeValues_ReportsTheBucketUpperBound()
    {
        var histogram = new LatencyHistogram();
        for (var v = 1; v <= 100_000; v++)
        {
            histogram.Record(v);
        }

        // p50 is 50000, in [32768, 65536) split into 64 buckets of 512: bucket [49664, 50175].
        histogram.ValueAtPercentile(50).Should().Be(50_175);

        // p99 is 99000, in [65536, 131072), buckets of 1024: [98304, 99327].
        histogram.ValueAtPercentile(99).Should().Be(99_327);
        histogram.ValueAtPercentile(100).Should().Be(100_000);
    }

    [Fact]
    public void Record_NegativeLatency_CountsItAsZero()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(-5);

        histogram.NegativeCount.Should().Be(1);
        histogram.ValueAtPercentile(50).Should().Be(0);
    }

    [Fact]
    public void ValueAtPercentile_Empty_IsZero()
    {
        new LatencyHistogram().ValueAtPercentile(99).Should().Be(0);
    }

    [Fact]
    public void MeasuredValueAtPercentile_NullWhenEmptyOrBeyondTheRange_ElseThePercentile()
    {
        var histogram = new LatencyHistogram();
        histogram.MeasuredValueAtPercentile(50).Should().BeNull("nothing was measured");

        histogram.Record(100);
        histogram.MeasuredValueAtPercentile(50).Should().Be(100);

        // A latency against a replayed clock (years): the top bucket's bound would read as 1099511627775 µs.
        histogram.Record(178_944_952_001_617);
        histogram.Record(178_944_952_001_617);
        histogram.ValueAtPercentile(99).Should().Be(1_099_511_627_775);
        histogram.MeasuredValueAtPercentile(99).Should().BeNull();
    }
}
