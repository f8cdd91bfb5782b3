using OrleansFeed.Core.Time;

namespace OrleansFeed.Exchanges.Coinbase.Messages;

/// <summary>
/// Reads Coinbase's RFC 3339 UTC times (<c>2021-04-17T16:43:37.078325Z</c> on the Exchange feed, nanosecond
/// fractions such as <c>2023-02-09T20:32:50.714964855Z</c> on Advanced Trade) from UTF-8 without allocating.
/// </summary>
internal static class CoinbaseTime
{
    /// <summary>Parses <c>yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)</c>; the fraction is truncated to microseconds.</summary>
    /// <param name="utf8">The text.</param>
    /// <param name="time">The time (UTC, µs); <see cref="Timestamp.None"/> on failure.</param>
    /// <returns>False when the text is not such a time.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Timestamp time)
    {
        time = Timestamp.None;
        if (utf8.Length < 20 || utf8[4] != '-' || utf8[7] != '-' || (utf8[10] | 0x20) != 't' || utf8[13] != ':' || utf8[16] != ':')
        {
            return false;
        }

        if (!TryDigits(utf8[..4], out var year) || !TryDigits(utf8.Slice(5, 2), out var month) || !TryDigits(utf8.Slice(8, 2), out var day)
            || !TryDigits(utf8.Slice(11, 2), out var hour) || !TryDigits(utf8.Slice(14, 2), out var minute) || !TryDigits(utf8.Slice(17, 2), out var second))
        {
            return false;
        }

        var i = 19;
        long micros = 0;
        if (i < utf8.Length && utf8[i] == '.')
        {
            i++;
            var digits = 0;
            while (i < utf8.Length && (uint)(utf8[i] - '0') <= 9)
            {
                if (digits < 6)
                {
                    micros = (micros * 10) + (utf8[i] - '0');
                }

                digits++;
                i++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 6; digits++)
            {
                micros *= 10;
            }
        }

        var offsetMinutes = 0;
        if (i == utf8.Length - 1 && (utf8[i] | 0x20) == 'z')
        {
            offsetMinutes = 0;
        }
        else if (i == utf8.Length - 6 && (utf8[i] == '+' || utf8[i] == '-') && utf8[i + 3] == ':'
            && TryDigits(utf8.Slice(i + 1, 2), out var oh) && TryDigits(utf8.Slice(i + 4, 2), out var om))
        {
            offsetMinutes = (utf8[i] == '-' ? -1 : 1) * ((oh * 60) + om);
        }
        else
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        // DateTime arithmetic allocates nothing; a leap second (60) is folded into the next minute.
        var ticks = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks;
        var unixMicros = (ticks / 10) + (second * 1_000_000L) + micros - (offsetMinutes * 60_000_000L);
        time = new Timestamp(unixMicros);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> utf8, out int value)
    {
        value = 0;
        foreach (var b in utf8)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }
}
