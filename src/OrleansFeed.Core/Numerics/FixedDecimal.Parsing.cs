using System.Text;

namespace OrleansFeed.Core.Numerics;

public readonly partial struct FixedDecimal
{
    /// <summary>
    /// Parses decimal text straight from UTF-8 bytes, keeping the scale of the text.
    /// </summary>
    /// <remarks>
    /// Accepts an optional leading <c>-</c> or <c>+</c>, digits, an optional <c>.</c> and fraction digits,
    /// and an optional exponent (<c>e</c>/<c>E</c>, as JSON numbers from Bitfinex or Kraken v2 may carry).
    /// Rejects (returns false, never throws) empty text, stray characters, a mantissa that does not fit 64 bits or a value beyond ±9,223,372,036,854,775,807 (as mantissa), or a resulting scale above 18. Allocates nothing.
    /// </remarks>
    /// <param name="utf8">The text, e.g. <c>"0.00100000"</c>.</param>
    /// <param name="value">The parsed value; zero when parsing fails.</param>
    /// <returns>True when the whole span is a valid number in range.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out FixedDecimal value)
    {
        value = default;
        var i = 0;
        var negative = false;
        if (utf8.Length == 0)
        {
            return false;
        }

        if (utf8[0] == (byte)'-' || utf8[0] == (byte)'+')
        {
            negative = utf8[0] == (byte)'-';
            i = 1;
        }

        ulong mantissa = 0;
        var significant = 0;
        var scale = 0;
        var digits = 0;
        var seenPoint = false;
        for (; i < utf8.Length; i++)
        {
            var c = utf8[i];
            if (c == (byte)'.')
            {
                if (seenPoint)
                {
                    return false;
                }

                seenPoint = true;
                continue;
            }

            var d = (uint)(c - '0');
            if (d > 9)
            {
                break;
            }

            digits++;
            if (mantissa != 0 || d != 0)
            {
                if (++significant > 19)
                {
                    return false;
                }
            }

            mantissa = (mantissa * 10) + d;
            if (mantissa > long.MaxValue)
            {
                return false;
            }

            if (seenPoint)
            {
                scale++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < utf8.Length)
        {
            if ((utf8[i] | 0x20) != (byte)'e' || !TryParseExponent(utf8[(i + 1)..], out var exponent))
            {
                return false;
            }

            // value = mantissa × 10^(exponent - scale)
            scale -= exponent;
            while (scale < 0)
            {
                if (mantissa > long.MaxValue / 10)
                {
                    return false;
                }

                mantissa *= 10;
                scale++;
            }
        }

        if (scale > MaxScale)
        {
            return false;
        }

        var signed = (long)mantissa;
        value = new FixedDecimal(negative ? -signed : signed, scale);
        return true;
    }

    /// <summary>Parses decimal text from a string. See <see cref="TryParse(ReadOnlySpan{byte}, out FixedDecimal)"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The parsed value; zero when parsing fails.</param>
    /// <returns>True when the text is a valid number in range.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out FixedDecimal value)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (text.Length > buffer.Length)
        {
            value = default;
            return false;
        }

        var written = Encoding.ASCII.GetBytes(text, buffer);
        return TryParse(buffer[..written], out value);
    }

    /// <summary>Parses decimal text, throwing on invalid input (API and configuration edges only).</summary>
    /// <param name="text">The text, e.g. <c>"42000.10"</c>.</param>
    /// <returns>The parsed value.</returns>
    /// <exception cref="FormatException">The text is not a number in range.</exception>
    public static FixedDecimal Parse(string text) =>
        TryParse(text.AsSpan(), out var value) ? value : throw new FormatException($"'{text}' is not a decimal number with at most 18 digits and scale 18.");

    private static bool TryParseExponent(ReadOnlySpan<byte> utf8, out int exponent)
    {
        exponent = 0;
        var i = 0;
        var negative = false;
        if (utf8.Length > 0 && (utf8[0] == (byte)'-' || utf8[0] == (byte)'+'))
        {
            negative = utf8[0] == (byte)'-';
            i = 1;
        }

        if (i == utf8.Length || utf8.Length - i > 3)
        {
            return false;
        }

        for (; i < utf8.Length; i++)
        {
            var d = (uint)(utf8[i] - '0');
            if (d > 9)
            {
                return false;
            }

            exponent = (exponent * 10) + (int)d;
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }
}
