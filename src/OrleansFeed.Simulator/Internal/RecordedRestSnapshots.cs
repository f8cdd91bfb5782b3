using OrleansFeed.Core.Time;

namespace OrleansFeed.Simulator.Internal;

/// <summary>
/// Every recorded non-Binance REST snapshot, per venue in recorded order. Playback advances each venue's gate with
/// the recorded time of the venue's frames; REST handlers read the latest reached snapshot of a symbol.
/// </summary>
/// <remarks>Advance and MarkAll run on the playback loop only; the snapshots' gates are thread-safe.</remarks>
internal sealed class RecordedRestSnapshots
{
    private readonly Dictionary<string, RecordedRestSnapshot[]> _byVenue;
    private readonly Dictionary<string, int> _next = new(StringComparer.Ordinal);

    public RecordedRestSnapshots(IEnumerable<RecordedRestSnapshot> snapshots)
    {
        _byVenue = snapshots.GroupBy(s => s.VenueId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.RecordedAt).ToArray(), StringComparer.Ordinal);
    }

    public int Count => _byVenue.Values.Sum(v => v.Length);

    /// <summary>Symbols with a snapshot for the venue.</summary>
    public IEnumerable<string> SymbolsOf(string venueId) =>
        _byVenue.TryGetValue(venueId, out var all) ? all.Select(s => s.Symbol).Distinct(StringComparer.Ordinal) : [];

    /// <summary>Marks the venue's snapshots recorded at or before <paramref name="time"/> as reached.</summary>
    public void Advance(string venueId, Timestamp time)
    {
        if (!_byVenue.TryGetValue(venueId, out var all))
        {
            return;
        }

        _next.TryGetValue(venueId, out var next);
        while (next < all.Length && all[next].RecordedAt <= time)
        {
            all[next++].MarkReached();
        }

        _next[venueId] = next;
    }

    public void MarkAll()
    {
        foreach (var snapshot in _byVenue.Values.SelectMany(v => v))
        {
            snapshot.MarkReached();
        }
    }

    /// <summary>The snapshot to serve now: the latest one already reached, else the first one (the caller waits for it).</summary>
    public RecordedRestSnapshot? Current(string venueId, string symbol)
    {
        if (!_byVenue.TryGetValue(venueId, out var all))
        {
            return null;
        }

        RecordedRestSnapshot? first = null;
        RecordedRestSnapshot? latest = null;
        foreach (var snapshot in all)
        {
            if (!string.Equals(snapshot.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            first ??= snapshot;
            if (snapshot.Reached.IsCompleted)
            {
                latest = snapshot;
            }
        }

        return latest ?? first;
    }
}
