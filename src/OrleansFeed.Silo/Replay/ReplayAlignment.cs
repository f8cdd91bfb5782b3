using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Silo.Replay;

/// <summary>
/// Aligns captures recorded at different moments to a common start: session <c>s</c> is shifted by
/// <c>T0 − first record time of s</c>, where <c>T0</c> is the earliest first record time over all sessions
/// (docs/aggregation.md#replay). Times of the earliest capture are unchanged.
/// </summary>
internal sealed class ReplayAlignment
{
    private ReplayAlignment(Timestamp start, IReadOnlyList<long> offsets)
    {
        Start = start;
        Offsets = offsets;
    }

    /// <summary>T0 (UTC, µs).</summary>
    public Timestamp Start { get; }

    /// <summary>Offset per session (µs), in session order.</summary>
    public IReadOnlyList<long> Offsets { get; }

    public static ReplayAlignment Of(IReadOnlyList<IReadOnlyList<CaptureRecord>> sessions)
    {
        var firsts = sessions.Select(s => s.Count > 0 ? s[0].Time.UnixMicroseconds : (long?)null).ToList();
        var t0 = firsts.Where(f => f.HasValue).Select(f => f!.Value).DefaultIfEmpty(0).Min();
        return new ReplayAlignment(new Timestamp(t0), [.. firsts.Select(f => f is { } v ? t0 - v : 0)]);
    }

    public static Timestamp Shift(Timestamp time, long offset) => time.IsNone ? time : new Timestamp(time.UnixMicroseconds + offset);
}
