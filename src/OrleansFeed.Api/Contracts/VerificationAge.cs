using OrleansFeed.Core.Time;

namespace OrleansFeed.Api.Contracts;

/// <summary>The <c>secondsSinceVerified</c> of <c>/api/v1/venues</c>: time since a book's last proof.</summary>
internal static class VerificationAge
{
    /// <summary>
    /// Seconds (3 decimals) from <paramref name="verified"/> to <paramref name="now"/>, never negative: both are µs (a
    /// millisecond "now" once made a fresh proof look up to 1 ms in the future), and a proof stamped by a clock slightly
    /// ahead shows as 0.
    /// </summary>
    /// <param name="now">Now (UTC, µs).</param>
    /// <param name="verified">The book's <c>LastVerified</c>; <see cref="Timestamp.None"/> before the first proof.</param>
    /// <returns>Seconds, or null before the first proof.</returns>
    public static decimal? Seconds(Timestamp now, Timestamp verified) =>
        verified.IsNone ? null : Math.Round(Math.Max(0L, now.UnixMicroseconds - verified.UnixMicroseconds) / 1_000_000m, 3);
}
