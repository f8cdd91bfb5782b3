using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Simulator;

/// <summary>
/// Lays several capture sessions (e.g. every folder of shared/data, recorded on different days) on one playback
/// timeline: sessions of different WebSocket hosts play side by side from a common start; sessions of the same host play
/// one after another (two OKX days), unless they were recorded at overlapping times (Kraken's book, trade and ticker
/// files), which keep their recorded relative times. One venue never receives two days' frames mixed.
/// </summary>
public static class CaptureSessions
{
    /// <summary>Pause between two sessions of the same host on the timeline.</summary>
    public static TimeSpan SameHostPause { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads capture files or folders (non-capture files such as README.md are skipped) as aligned sessions.</summary>
    /// <param name="inputs">Files or folders; folders are searched recursively.</param>
    /// <returns>Every record, receive times shifted onto the shared timeline (UTC, µs), in playback order.</returns>
    /// <exception cref="FileNotFoundException">An input does not exist.</exception>
    public static IReadOnlyList<CaptureRecord> ReadAligned(IEnumerable<string> inputs)
    {
        var sessions = CaptureFile.GroupSessions(inputs).Select(CaptureFile.ReadMerged).Where(s => s.Count > 0).OrderBy(s => s[0].Time.UnixMicroseconds).ToList();
        if (sessions.Count <= 1)
        {
            return sessions.Count == 0 ? [] : sessions[0];
        }

        var origin = sessions.Min(s => s[0].Time.UnixMicroseconds);
        var lanes = new Dictionary<string, (long Shift, long RecordedEnd)>(StringComparer.Ordinal);
        var all = new List<(CaptureRecord Record, int Session, int Index)>();
        for (var s = 0; s < sessions.Count; s++)
        {
            var session = sessions[s];
            var lane = LaneOf(session);
            var first = session[0].Time.UnixMicroseconds;
            var last = session[^1].Time.UnixMicroseconds;
            long shift;
            if (!lanes.TryGetValue(lane, out var previous))
            {
                shift = origin - first;
            }
            else if (first <= previous.RecordedEnd)
            {
                // Recorded at the same time (e.g. Kraken's book, trade and ticker files): keep their relative times.
                shift = previous.Shift;
            }
            else
            {
                shift = previous.RecordedEnd + previous.Shift + (long)SameHostPause.TotalMicroseconds - first;
            }

            for (var i = 0; i < session.Count; i++)
            {
                var record = session[i];
                all.Add((record with { Time = new Timestamp(record.Time.UnixMicroseconds + shift) }, s, i));
            }

            lanes[lane] = previous.Shift == shift && lanes.ContainsKey(lane) ? (shift, Math.Max(last, previous.RecordedEnd)) : (shift, last);
        }

        all.Sort(static (a, b) =>
        {
            var c = a.Record.Time.CompareTo(b.Record.Time);
            if (c != 0)
            {
                return c;
            }

            c = a.Session.CompareTo(b.Session);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });
        return all.ConvertAll(static x => x.Record);
    }

    /// <summary>The WebSocket hosts a session connected to (its lane); the first record's host when it has no open record.</summary>
    private static string LaneOf(IReadOnlyList<CaptureRecord> session)
    {
        var hosts = session.Where(r => r.Kind == CaptureRecordKind.Open).Select(r => HostOf(r.Source)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return hosts.Count > 0 ? string.Join(',', hosts) : HostOf(session[0].Source);
    }

    private static string HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.ToUpperInvariant() : url;
}
