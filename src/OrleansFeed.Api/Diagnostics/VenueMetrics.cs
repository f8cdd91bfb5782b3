using System.Diagnostics.Metrics;
using Orleans;
using OrleansFeed.Api.Contracts;
using OrleansFeed.Api.Health;
using OrleansFeed.Api.Rest;

namespace OrleansFeed.Api.Diagnostics;

/// <summary>
/// The per-venue counters of <c>GET /api/v1/venues</c> as observable instruments on the meter <see cref="MeterName"/>
/// (<c>OrleansFeed.Venues</c>), every one labelled <c>venue</c>: connector frames, rejected frames, reconnects,
/// REST snapshot requests/failures, open connections; the books' messages, gaps, resyncs, checksum failures and
/// verifications summed over the venue's books; the books per sync state (label <c>state</c>); and the age of the
/// stalest book's last verification. Names, units and labels: docs/errors.md "Metrics".
/// </summary>
/// <remarks>
/// The values are those of the venues endpoint, read through the same code (<see cref="RefreshAsync"/>, called by
/// the scrape endpoint right before it exports), so a scrape and a <c>/api/v1/venues</c> answer taken at the same
/// moment agree. No per-symbol labels: a venue can carry hundreds of symbols, and the per-symbol figures are in the
/// endpoint's <c>books</c>. Thread-safe; a DI singleton.
/// </remarks>
public sealed class VenueMetrics
{
    /// <summary>The meter name: <c>OrleansFeed.Venues</c>.</summary>
    public const string MeterName = "OrleansFeed.Venues";

    private readonly IConfiguredBooks _books;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile VenueStatusDto[] _venues = [];

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The host's meter factory (owns and disposes the meter).</param>
    /// <param name="books">The configured books (which venues exist).</param>
    /// <param name="grains">Grain factory for the connector and book grains.</param>
    /// <param name="time">Clock of the verification age.</param>
    public VenueMetrics(IMeterFactory meterFactory, IConfiguredBooks books, IGrainFactory grains, TimeProvider time)
    {
        _books = books;
        _grains = grains;
        _time = time;
        var meter = meterFactory.Create(MeterName);
        Counter(meter, "orleansfeed.venue.frames", "{frame}", "Frames received from the venue (all connections).", v => v.Frames);
        Counter(meter, "orleansfeed.venue.rejected_frames", "{frame}", "Venue frames rejected by the parser.", v => v.RejectedFrames);
        Counter(meter, "orleansfeed.venue.reconnects", "{reconnect}", "Connections to the venue re-established.", v => v.Reconnects);
        Counter(meter, "orleansfeed.venue.snapshot_requests", "{request}", "REST depth snapshots requested.", v => v.SnapshotRequests);
        Counter(meter, "orleansfeed.venue.snapshot_failures", "{request}", "REST depth snapshot requests that failed.", v => v.SnapshotFailures);
        Counter(meter, "orleansfeed.venue.book_messages", "{message}", "Book events offered to the venue's books' sync procedures.", v => v.Books.Sum(b => b.Counters.Messages));
        Counter(meter, "orleansfeed.venue.gaps", "{gap}", "Sequence gaps detected in the venue's books.", v => v.Books.Sum(b => b.Counters.Gaps));
        Counter(meter, "orleansfeed.venue.resyncs", "{resync}", "Times one of the venue's books left the synced state.", v => v.Books.Sum(b => b.Counters.Resyncs));
        Counter(meter, "orleansfeed.venue.checksum_failures", "{checksum}", "Venue checksums that did not match the local book.", v => v.Books.Sum(b => b.Counters.ChecksumFailures));
        Counter(meter, "orleansfeed.venue.checksums_verified", "{checksum}", "Venue checksums that matched the local book.", v => v.Books.Sum(b => b.Counters.ChecksumsVerified));
        meter.CreateObservableUpDownCounter("orleansfeed.venue.connections", () => Each(v => v.Connections), "{connection}", "Open connections to the venue.");
        meter.CreateObservableUpDownCounter("orleansfeed.venue.books", BooksByState, "{book}", "The venue's books by sync state.");
        meter.CreateObservableGauge("orleansfeed.venue.verification_age", VerificationAge, "s", "Seconds since the least recently verified book of the venue was last verified.");
    }

    /// <summary>Reads every configured venue's status as <c>GET /api/v1/venues</c> does, for the next collection.</summary>
    /// <param name="cancellationToken">Stops waiting for a refresh already running.</param>
    /// <returns>Completes when the values are current.</returns>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var venues = _books.GetBooks().Select(b => b.Venue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            var result = new List<VenueStatusDto>();
            foreach (var venue in venues)
            {
                result.Add(await VenuesEndpoints.GetStatusAsync(venue, _books, _grains, _time).ConfigureAwait(false));
            }

            _venues = [.. result];
        }
        finally
        {
            _refresh.Release();
        }
    }

    private void Counter(Meter meter, string name, string unit, string description, Func<VenueStatusDto, long> value) =>
        meter.CreateObservableCounter(name, () => Each(value), unit, description);

    private IEnumerable<Measurement<long>> Each(Func<VenueStatusDto, long> value) =>
        _venues.Select(v => new Measurement<long>(value(v), new KeyValuePair<string, object?>("venue", v.Venue)));

    private IEnumerable<Measurement<long>> BooksByState() =>
        _venues.SelectMany(v => v.Books.GroupBy(b => b.SyncState, StringComparer.Ordinal).Select(g => new Measurement<long>(
            g.Count(), new KeyValuePair<string, object?>("venue", v.Venue), new KeyValuePair<string, object?>("state", g.Key))));

    private IEnumerable<Measurement<double>> VerificationAge() =>
        _venues.Where(v => v.Books.Any(b => b.SecondsSinceVerified is not null)).Select(v => new Measurement<double>(
            (double)v.Books.Max(b => b.SecondsSinceVerified ?? 0m), new KeyValuePair<string, object?>("venue", v.Venue)));
}
