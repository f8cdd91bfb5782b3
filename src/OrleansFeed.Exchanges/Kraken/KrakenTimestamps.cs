using OrleansFeed.Core.Time;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>
/// Reads Kraken's two timestamp spellings exactly, without floating point: v1 epoch seconds with a fraction as
/// text (<c>"1617666423.606671"</c>, §4 "v1 differences") and v2 RFC 3339 UTC (<c>"2023-10-06T17:35:55.440295Z"</c>, §4 "v2 messages").
/// </summary>
/// <remarks>Digits beyond microseconds are truncated. Allocates nothing; never throws.</remarks>
public static class KrakenTimestamps
{
    /// <summary>Parses epoch seconds with an optional fraction (<c>"1617666423.606671"</c>) to UTC microseconds.</summary>
    /// <param name="utf8">The text.</param>
    /// <param name="value">The time (UTC, µs); <see cref="Timestamp.None"/> on failure.</param>
    /// <returns>False when the text is not <c>digits[.digits]</c> or is out of range.</returns>
    public static bool TryParseSeconds(ReadOnlySpan<byte> utf8, out Timestamp value)
    {
        value = Timestamp.None;
        long seconds = 0, micros = 0;
        var i = 0;
        var intDigits = 0;
        for (; i < utf8.Length && utf8[i] != (byte)'.'; i++)
        {
            var d = utf8[i] - (byte)'0';
            if ((uint)d > 9 || ++intDigits > 12)
            {
                return false;
            }

            seconds = (seconds * 10) + d;
        }

        if (intDigits == 0)
        {
            return false;
        }

        var fracDigits = 0;
        if (i < utf8.Length)
        {
            for (i++; i < utf8.Length; i++)
            {
                var d = utf8[i] - (byte)'0';
                if ((uint)d > 9)
                {
                    return false;
                }

                if (fracDigits++ < 6)
                {
                    micros = (micros * 10) + d;
                }
            }

            if (fracDigits == 0)
            {
                return false;
            }
        }

        for (var k = Math.Min(fracDigits, 6); k < 6; k++)
        {
            micros *= 10;
        }

        value = new Timestamp((seconds * 1_000_000) + micros);
        return true;
    }

    /// <summary>Parses RFC 3339 UTC <c>yyyy-MM-ddTHH:mm:ss[.f…]Z</c> to UTC microseconds.</summary>
    /// <param name="utf8">The text.</param>
    /// <param name="value">The time (UTC, µs); <see cref="Timestamp.None"/> on failure.</param>
    /// <returns>False when the text is not in that form (offsets other than <c>Z</c> are not accepted).</returns>
    public static bool TryParseRfc3339(ReadOnlySpan<byte> utf8, out Timestamp value)
    {
        value = Timestamp.None;
        if (utf8.Length < 20 || utf8[4] != (byte)'-' || utf8[7] != (byte)'-' || (utf8[10] | 0x20) != (byte)'t'
            || utf8[13] != (byte)':' || utf8[16] != (byte)':' || (utf8[^1] | 0x20) != (byte)'z')
        {
            return false;
        }

        if (!TryDigits(utf8[..4], out var year) || !TryDigits(utf8.Slice(5, 2), out var month) || !TryDigits(utf8.Slice(8, 2), out var day)
            || !TryDigits(utf8.Slice(11, 2), out var hour) || !TryDigits(utf8.Slice(14, 2), out var minute) || !TryDigits(utf8.Slice(17, 2), out var second))
        {
            return false;
        }

        long micros = 0;
        var fraction = utf8[19..^1];
        if (fraction.Length > 0)
        {
            if (fraction[0] != (byte)'.' || fraction.Length == 1)
            {
                return false;
            }

            var digits = fraction[1..];
            for (var k = 0; k < 6; k++)
            {
                var d = k < digits.Length ? digits[k] - (byte)'0' : 0;
                if ((uint)d > 9)
                {
                    return false;
                }

                micros = (micros * 10) + d;
            }

            foreach (var b in digits)
            {
                if ((uint)(b - (byte)'0') > 9)
                {
                    return false;
                }
            }
        }

        if (year < 1970 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var date = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        value = new Timestamp(((date.Ticks - DateTime.UnixEpoch.Ticks) / 10) + micros);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> utf8, out int value)
    {
        value = 0;
        foreach (var b in utf8)
        {
            var d = b - (byte)'0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
