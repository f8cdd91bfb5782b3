namespace OrleansFeed.Core.Time;

/// <summary>
/// A point in time in UTC with microsecond resolution, stored as microseconds since the Unix epoch.
/// Every event carries two: the venue's exchange timestamp and our receive timestamp.
/// </summary>
/// <param name="UnixMicroseconds">Microseconds since 1970-01-01T00:00:00Z (UTC).</param>
public readonly record struct Timestamp(long UnixMicroseconds) : IComparable<Timestamp>
{
    /// <summary>The Unix epoch; also "unknown" for an event whose venue sent no time.</summary>
    public static Timestamp None => default;

    /// <summary>True when no time is known (zero).</summary>
    public bool IsNone => UnixMicroseconds == 0;

    /// <summary>Milliseconds since the epoch (truncated).</summary>
    public long UnixMilliseconds => UnixMicroseconds / 1000;

    /// <summary>From milliseconds since the epoch (Binance <c>E</c>/<c>T</c> fields).</summary>
    /// <param name="milliseconds">Milliseconds since the epoch, UTC.</param>
    /// <returns>The timestamp.</returns>
    public static Timestamp FromUnixMilliseconds(long milliseconds) => new(milliseconds * 1000);

    /// <summary>From nanoseconds since the epoch (KuCoin match <c>time</c>); sub-microsecond digits are truncated.</summary>
    /// <param name="nanoseconds">Nanoseconds since the epoch, UTC.</param>
    /// <returns>The timestamp.</returns>
    public static Timestamp FromUnixNanoseconds(long nanoseconds) => new(nanoseconds / 1000);

    /// <summary>From a <see cref="DateTimeOffset"/> (100 ns ticks truncated to microseconds).</summary>
    /// <param name="value">The time.</param>
    /// <returns>The timestamp.</returns>
    public static Timestamp FromDateTimeOffset(DateTimeOffset value) =>
        new((value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);

    /// <summary>Now, read from <paramref name="timeProvider"/> (never from the system clock directly).</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>The current UTC time with microsecond resolution.</returns>
    public static Timestamp Now(TimeProvider timeProvider) => FromDateTimeOffset(timeProvider.GetUtcNow());

    /// <summary>As a <see cref="DateTimeOffset"/> in UTC.</summary>
    /// <returns>The time.</returns>
    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.UnixEpoch.AddTicks(UnixMicroseconds * 10);

    /// <inheritdoc />
    public int CompareTo(Timestamp other) => UnixMicroseconds.CompareTo(other.UnixMicroseconds);

    /// <summary>ISO 8601 UTC with six fraction digits, e.g. <c>2021-04-05T18:36:37.123456Z</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Earlier-than.</summary>
    public static bool operator <(Timestamp left, Timestamp right) => left.UnixMicroseconds < right.UnixMicroseconds;

    /// <summary>Later-than.</summary>
    public static bool operator >(Timestamp left, Timestamp right) => left.UnixMicroseconds > right.UnixMicroseconds;

    /// <summary>Earlier-or-equal.</summary>
    public static bool operator <=(Timestamp left, Timestamp right) => left.UnixMicroseconds <= right.UnixMicroseconds;

    /// <summary>Later-or-equal.</summary>
    public static bool operator >=(Timestamp left, Timestamp right) => left.UnixMicroseconds >= right.UnixMicroseconds;
}
