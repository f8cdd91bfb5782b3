using System.Diagnostics.Metrics;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Grains.Connectors;

/// <summary>Thread-safe connector counters, also published on the <c>OrleansFeed.Exchanges</c> meter.</summary>
internal sealed class ConnectorCounters
{
    private static readonly Meter Meter = new("OrleansFeed.Exchanges");
    private static readonly Counter<long> RejectedCounter = Meter.CreateCounter<long>("orleansfeed.frames.rejected", description: "Venue frames rejected, by venue and reason");
    private readonly string _venue;
    private readonly Dictionary<string, long> _bySymbol = new(StringComparer.Ordinal);
    private long _rejected;
    private long _unattributed;
    private long _frames;

    public ConnectorCounters(string venue) => _venue = venue;

    public long Rejected => Interlocked.Read(ref _rejected);

    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Rejected frames no book counts: no readable symbol, or a symbol without a book on the connection.</summary>
    public long UnattributedRejected => Interlocked.Read(ref _unattributed);

    public void RecordFrame() => Interlocked.Increment(ref _frames);

    public IReadOnlyDictionary<string, long> RejectedBySymbol()
    {
        lock (_bySymbol)
        {
            return new Dictionary<string, long>(_bySymbol, StringComparer.Ordinal);
        }
    }

    public void RecordRejected(FrameRejectReason reason, string? symbol = null, bool attributedToBook = true)
    {
        Interlocked.Increment(ref _rejected);
        if (!attributedToBook || symbol is null)
        {
            Interlocked.Increment(ref _unattributed);
        }
        else
        {
            lock (_bySymbol)
            {
                _bySymbol[symbol] = _bySymbol.GetValueOrDefault(symbol) + 1;
            }
        }

        RejectedCounter.Add(1, new KeyValuePair<string, object?>("venue", _venue), new KeyValuePair<string, object?>("reason", reason.ToString()));
    }
}
