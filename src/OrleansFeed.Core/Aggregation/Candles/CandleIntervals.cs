using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Aggregation.Candles;

/// <summary>Lengths, names and UTC alignment of <see cref="CandleInterval"/>s.</summary>
public static class CandleIntervals
{
    /// <summary>All intervals, shortest first.</summary>
    public static IReadOnlyList<CandleInterval> All { get; } =
    [
        CandleInterval.OneMinute, CandleInterval.FiveMinutes, CandleInterval.FifteenMinutes,
        CandleInterval.OneHour, CandleInterval.FourHours, CandleInterval.OneDay,
    ];

    /// <summary>The interval length in microseconds.</summary>
    /// <param name="interval">The interval.</param>
    /// <returns>Length in µs, e.g. 60,000,000 for one minute.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined interval.</exception>
    public static long Microseconds(CandleInterval interval) => interval switch
    {
        CandleInterval.OneMinute => 60_000_000L,
        CandleInterval.FiveMinutes => 5 * 60_000_000L,
        CandleInterval.FifteenMinutes => 15 * 60_000_000L,
        CandleInterval.OneHour => 3_600_000_000L,
        CandleInterval.FourHours => 4 * 3_600_000_000L,
        CandleInterval.OneDay => 24 * 3_600_000_000L,
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown candle interval."),
    };

    /// <summary>The short name used in subjects and APIs: <c>1m</c>, <c>5m</c>, <c>15m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>.</summary>
    /// <param name="interval">The interval.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined interval.</exception>
    public static string Name(CandleInterval interval) => interval switch
    {
        CandleInterval.OneMinute => "1m",
        CandleInterval.FiveMinutes => "5m",
        CandleInterval.FifteenMinutes => "15m",
        CandleInterval.OneHour => "1h",
        CandleInterval.FourHours => "4h",
        CandleInterval.OneDay => "1d",
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown candle interval."),
    };

    /// <summary>The start of the candle containing <paramref name="time"/>: floor to the interval from the Unix epoch (UTC).</summary>
    /// <param name="time">A time (UTC, µs).</param>
    /// <param name="interval">The interval.</param>
    /// <returns>The candle start; equal to <paramref name="time"/> when it is on a boundary.</returns>
    public static Timestamp Floor(Timestamp time, CandleInterval interval) => new(FloorMicroseconds(time.UnixMicroseconds, Microseconds(interval)));

    internal static long FloorMicroseconds(long time, long width)
    {
        var q = Math.DivRem(time, width, out var r);
        return (r < 0 ? q - 1 : q) * width;
    }
}
