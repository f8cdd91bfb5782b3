using System.Diagnostics.Metrics;
using OrleansFeed.Core.Aggregation.Latency;
using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.LoadHarness;

/// <summary>
/// Listens to the books' own <c>orleansfeed.book.delta.latency</c> histogram (<see cref="BookLatencyMetrics"/>): receive →
/// delta handed to the fan-out, measured inside the book grain. Next to the observer's "receive → delta observed" it
/// splits the path into the connector → book part and what a consumer's queue and thread add.
/// </summary>
/// <remarks>Measurements arrive on the books' threads; the histogram (a single-writer type) is guarded by a lock.</remarks>
internal sealed class PublishLatencyListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly LatencyHistogram _latency = new();
    private readonly Lock _lock = new();

    /// <summary>Starts listening; every book of this process reports to it until disposed.</summary>
    public PublishLatencyListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BookLatencyMetrics.MeterName && instrument.Name == BookLatencyMetrics.InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            lock (_lock)
            {
                _latency.Record((long)Math.Round(seconds * 1_000_000));
            }
        });
        _listener.Start();
    }

    /// <summary>Deltas measured.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _latency.Count;
            }
        }
    }

    /// <summary>Receive → delta published, µs, at a percentile (0..100); 0 when nothing was measured.</summary>
    /// <param name="percentile">e.g. 50, 99, 99.9.</param>
    /// <returns>Microseconds (log-linear bucket, at most ≈ 1.6 % high).</returns>
    public long Latency(double percentile)
    {
        lock (_lock)
        {
            return _latency.ValueAtPercentile(percentile);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
