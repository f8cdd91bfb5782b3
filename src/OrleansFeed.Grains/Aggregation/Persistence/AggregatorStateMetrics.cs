using System.Diagnostics.Metrics;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>
/// What the aggregators' saves cost, on the <c>OrleansFeed.Aggregation</c> meter: <c>orleansfeed.aggregator.state.writes</c>
/// (records written: segments and heads) and <c>orleansfeed.aggregator.state.written</c> (bytes of their blobs). No
/// per-instrument label. The soak (load harness) reports them per minute; docs/errors.md "Metrics".
/// </summary>
internal static class AggregatorStateMetrics
{
    private static readonly Meter Meter = new(NbboMetrics.MeterName);

    private static readonly Counter<long> Writes = Meter.CreateCounter<long>(
        "orleansfeed.aggregator.state.writes", "{record}", "Aggregator state records (segments and heads) written to grain storage.");

    private static readonly Counter<long> Written = Meter.CreateCounter<long>(
        "orleansfeed.aggregator.state.written", "By", "Bytes of the aggregator state blobs written to grain storage.");

    /// <summary>Counts one save.</summary>
    /// <param name="records">Records written (0 when nothing changed: then nothing is recorded).</param>
    /// <param name="bytes">Bytes of their blobs.</param>
    public static void Record(int records, long bytes)
    {
        if (records > 0)
        {
            Writes.Add(records);
            Written.Add(bytes);
        }
    }
}
