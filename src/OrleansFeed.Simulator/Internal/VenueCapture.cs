using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Simulator.Venues;

namespace OrleansFeed.Simulator.Internal;

/// <summary>
/// Load-time split of the non-Binance records: played frames, the recorded greeting and subscribe acks per venue
/// (kept to answer clients), and recorded REST snapshots.
/// </summary>
internal sealed class VenueCapture(IReadOnlyList<SimulatedVenue> venues)
{
    private readonly Dictionary<SimulatedVenue, IRecordedFrameClassifier> _classifiers = [];
    private readonly Dictionary<string, SimulatedVenue?> _owners = new(StringComparer.Ordinal);

    public IReadOnlyList<SimulatedVenue> Venues { get; } = venues;

    public Dictionary<SimulatedVenue, ReadOnlyMemory<byte>> Greetings { get; } = [];

    public Dictionary<SimulatedVenue, Dictionary<string, ReadOnlyMemory<byte>>> Acks { get; } = venues.ToDictionary(v => v, _ => new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal));

    public List<RecordedRestSnapshot> RestSnapshots { get; } = [];

    /// <summary>Distinct paths of the recorded REST book snapshots per venue (which snapshot depth was recorded).</summary>
    public Dictionary<SimulatedVenue, HashSet<string>> RestPaths { get; } = [];

    /// <summary>Venues with at least one played frame.</summary>
    public HashSet<SimulatedVenue> Present { get; } = [];

    /// <summary>Recorded control frames the simulator does not play (it answers clients itself).</summary>
    public int Controls { get; private set; }

    /// <summary>The venue a recorded URL belongs to: its public host, or this simulator's own <c>/{venue}</c> route
    /// (a capture recorded against the simulator).</summary>
    /// <remarks>Memoized per URL: a capture has a handful of distinct sources but tens of thousands of records, and matching
    /// one (seven case-insensitive searches of a Binance stream URL that can be kilobytes long, then seven URI parses)
    /// was most of the simulator's load time.</remarks>
    public SimulatedVenue? OwnerOf(string url)
    {
        if (!_owners.TryGetValue(url, out var owner))
        {
            owner = Venues.FirstOrDefault(v => v.OwnsUrl(url)) ?? Venues.FirstOrDefault(v => IsLoopbackRoute(url, v.Venue));
            _owners[url] = owner;
        }

        return owner;
    }

    private static bool IsLoopbackRoute(string url, string venue) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback
        && (uri.AbsolutePath == "/" + venue || uri.AbsolutePath.StartsWith("/" + venue + "/", StringComparison.Ordinal));

    /// <summary>Classifies one received frame of <paramref name="venue"/>; returns the frame to play, or null.</summary>
    public PlaybackFrame? Add(CaptureRecord record, SimulatedVenue venue)
    {
        if (!_classifiers.TryGetValue(venue, out var classifier))
        {
            _classifiers[venue] = classifier = venue.CreateClassifier();
        }

        SimulatedFrameInfo info;
        try
        {
            info = classifier.Classify(record.Payload.Span);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            // A frame of an unexpected shape is venue noise, not a reason to refuse the capture.
            info = SimulatedFrameInfo.Control;
        }

        switch (info.Kind)
        {
            case SimulatedFrameKind.Greeting:
                Greetings.TryAdd(venue, record.Payload);
                return null;
            case SimulatedFrameKind.Ack when info.Key is { } key:
                Acks[venue].TryAdd(key, record.Payload);
                return null;
            case SimulatedFrameKind.Control or SimulatedFrameKind.Ack:
                Controls++;
                return null;
        }

        if (info.Key is null && info.Kind != SimulatedFrameKind.Heartbeat)
        {
            Controls++;
            return null;
        }

        Present.Add(venue);
        return new PlaybackFrame(record.Time, string.Empty, record.Payload, record.Payload, info.Kind == SimulatedFrameKind.BookDiff ? info.Symbol : null, StreamRoute.All)
        {
            Venue = venue,
            VenueId = venue.Venue,
            Kind = info.Kind,
            Key = info.Key,
            Symbol = info.Symbol,
        };
    }

    /// <summary>Keeps a recorded REST body when it is a book snapshot of a venue that serves them (KuCoin level2).</summary>
    public void AddRest(CaptureRecord record, SimulatedVenue venue)
    {
        if (!Uri.TryCreate(record.Source, UriKind.Absolute, out var uri) || !uri.AbsolutePath.Contains("/orderbook/level2", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("symbol=", StringComparison.OrdinalIgnoreCase))
            {
                RestSnapshots.Add(new RecordedRestSnapshot(venue.Venue, Uri.UnescapeDataString(pair[7..]), record.Time, record.Payload));
                if (!RestPaths.TryGetValue(venue, out var paths))
                {
                    RestPaths[venue] = paths = new HashSet<string>(StringComparer.Ordinal);
                }

                paths.Add(uri.AbsolutePath);
                Present.Add(venue);
                return;
            }
        }
    }
}
