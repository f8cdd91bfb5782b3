using System.Diagnostics.Metrics;

namespace OrleansFeed.LoadHarness;

/// <summary>
/// Listens to the aggregators' state-save counters (<c>orleansfeed.aggregator.state.writes</c> and
/// <c>.written</c> on the <c>OrleansFeed.Aggregation</c> meter, docs/errors.md) so the soak reports what the saves
/// wrote each minute.
/// </summary>
internal sealed class SoakStateWrites : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _records;
    private long _bytes;

    public SoakStateWrites()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "OrleansFeed.Aggregation" && instrument.Name.StartsWith("orleansfeed.aggregator.state.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name.EndsWith(".writes", StringComparison.Ordinal))
            {
                Interlocked.Add(ref _records, value);
            }
            else
            {
                Interlocked.Add(ref _bytes, value);
            }
        });
        _listener.Start();
    }

    /// <summary>Takes the records and bytes written since the last call.</summary>
    public (long Records, long Bytes) Take() => (Interlocked.Exchange(ref _records, 0), Interlocked.Exchange(ref _bytes, 0));

    public void Dispose() => _listener.Dispose();
}
