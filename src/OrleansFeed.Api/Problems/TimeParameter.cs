using System.Globalization;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Api.Problems;

/// <summary>Parses an optional time query parameter: Unix milliseconds (digits) or ISO-8601 (UTC when no offset is given).</summary>
internal static class TimeParameter
{
    /// <summary>True with null when absent, true with the time when valid, false when malformed.</summary>
    public static bool TryParse(string? text, out Timestamp? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            if (ms > 253_402_300_799_999)
            {
                return false; // after 9999-12-31
            }

            value = Timestamp.FromUnixMilliseconds(ms);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            value = Timestamp.FromDateTimeOffset(time);
            return true;
        }

        return false;
    }
}
