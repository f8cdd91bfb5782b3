using System.Diagnostics.Metrics;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>
/// The NBBO latency histogram on the <c>OrleansFeed.Aggregation</c> meter: <c>orleansfeed.nbbo.latency</c>, seconds,
/// recorded for every NBBO change the aggregator publishes, once from the quote's receive time and once from its
/// exchange time (label <c>from</c> = <c>receive</c> or <c>exchange</c>). No per-instrument label: the grain's own
/// <c>GetLatencyAsync</c> has the per-instrument percentiles.
/// </summary>
internal static class NbboMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "OrleansFeed.Aggregation";

    private static readonly Meter Meter = new(MeterName);

    // 50 µs .. 10 s: the receive path is sub-millisecond on a quiet silo, the exchange path adds the venue's delay.
    private static readonly Histogram<double> Latency = Meter.CreateHistogram(
        "orleansfeed.nbbo.latency",
        "s",
        "Latency of a published NBBO change from the quote's receive (or exchange) time to its publication.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly KeyValuePair<string, object?> FromReceive = new("from", "receive");
    private static readonly KeyValuePair<string, object?> FromExchange = new("from", "exchange");

    /// <summary>Records one published NBBO change's latencies, in microseconds; the exchange one only when measured (null under a replayed clock).</summary>
    public static void Record(long fromReceiveMicros, long? fromExchangeMicros)
    {
        if (!Latency.Enabled)
        {
            return;
        }

        Latency.Record(fromReceiveMicros / 1_000_000d, FromReceive);
        if (fromExchangeMicros is { } exchange)
        {
            Latency.Record(exchange / 1_000_000d, FromExchange);
        }
    }
}
