using System.Diagnostics.Metrics;

namespace OrleansFeed.Grains.OrderBooks;

/// <summary>
/// The ingest latency histogram on the <c>OrleansFeed.Books</c> meter: <c>orleansfeed.book.delta.latency</c>, seconds
/// (Prometheus <c>orleansfeed_book_delta_latency_seconds</c>), one observation per <see cref="Abstractions.BookDeltaKind.Update"/>
/// delta a book publishes, from the receive time of the frame that caused it (stamped by the connector when the frame
/// was read off the socket, UTC µs) to the moment the book hands the delta to the silo-local fan-out. It covers parse,
/// the connector → book delivery (in place, or a grain call when the book is on another silo), sync and book update; what a consumer adds after it (its queue, its thread) is not
/// in it. Label <c>venue</c> (a handful of values); no per-symbol label.
/// </summary>
/// <remarks>Allocation-free when recorded (one cached tag per book) and skipped when no listener is attached.</remarks>
public static class BookLatencyMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "OrleansFeed.Books";

    /// <summary>The instrument name.</summary>
    public const string InstrumentName = "orleansfeed.book.delta.latency";

    private static readonly Meter Meter = new(MeterName);

    // 5 µs .. 1 s: on a quiet silo the receive → publish path is tens of microseconds; queueing behind a burst adds ms.
    private static readonly Histogram<double> Latency = Meter.CreateHistogram(
        InstrumentName,
        "s",
        "Latency of a published book delta from its frame's receive time to its publication by the book.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    /// <summary>Whether anything listens (callers skip reading the clock otherwise).</summary>
    internal static bool Enabled => Latency.Enabled;

    /// <summary>The <c>venue</c> tag of one book, made once per activation.</summary>
    /// <param name="venue">Venue id, e.g. <c>binance</c>.</param>
    internal static KeyValuePair<string, object?> VenueTag(string venue) => new("venue", venue);

    /// <summary>Records one delta's receive → publish latency.</summary>
    /// <param name="micros">Microseconds; negative values (a receive time from another clock) are not recorded.</param>
    /// <param name="venue">The book's cached <see cref="VenueTag"/>.</param>
    internal static void Record(long micros, in KeyValuePair<string, object?> venue)
    {
        if (micros >= 0)
        {
            Latency.Record(micros / 1_000_000d, venue);
        }
    }
}
