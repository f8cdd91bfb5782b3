namespace OrleansFeed.Exchanges.Tests.Scanning;

/// <summary>Seeded damage to a frame, the kinds a scanner must notice and hand to the validating parser.</summary>
internal static class FrameDamage
{
    /// <summary>Kinds of damage, each applied by <see cref="Apply"/>.</summary>
    public const int Kinds = 9;

    public static byte[] Apply(byte[] frame, int kind, Random random)
    {
        if (frame.Length < 4)
        {
            return [];
        }

        var copy = frame.ToArray();
        switch (kind)
        {
            case 0:
                // Truncated mid-frame (a partial WebSocket message).
                return copy[..random.Next(1, copy.Length)];
            case 1:
                // One byte replaced by an arbitrary byte (may break UTF-8 or JSON).
                copy[random.Next(copy.Length)] = (byte)random.Next(256);
                return copy;
            case 2:
                // A digit replaced by another digit or by a sign, point or exponent letter.
                var digits = Positions(copy, b => b is >= (byte)'0' and <= (byte)'9');
                if (digits.Length > 0)
                {
                    copy[digits[random.Next(digits.Length)]] = "0123456789-.eE+"u8[random.Next(15)];
                }

                return copy;
            case 3:
                // A quote removed: a string value runs into the next token.
                return Without(copy, Positions(copy, b => b == (byte)'"'), random);
            case 4:
                // A slice duplicated: repeated keys or array elements.
                var start = random.Next(copy.Length);
                var length = random.Next(1, Math.Min(64, copy.Length - start) + 1);
                return [.. copy.Take(start + length), .. copy.Skip(start)];
            case 5:
                // Whitespace after a structural character (valid JSON the scanner does not expect).
                var structural = Positions(copy, b => b is (byte)',' or (byte)':' or (byte)'[' or (byte)'{');
                var at = structural.Length == 0 ? 0 : structural[random.Next(structural.Length)] + 1;
                return [.. copy.Take(at), (byte)' ', .. copy.Skip(at)];
            case 6:
                // An escape inside a string (\u0030 is '0'): valid JSON, not a plain number string.
                var inString = Positions(copy, b => b is >= (byte)'0' and <= (byte)'9');
                if (inString.Length == 0)
                {
                    return copy;
                }

                var digit = inString[random.Next(inString.Length)];
                return [.. copy.Take(digit), .. "\\u003"u8.ToArray(), .. copy.Skip(digit)];
            case 7:
                // A string value's quotes dropped: a number where a string is expected (or the reverse shape).
                var quotes = Positions(copy, b => b == (byte)'"');
                if (quotes.Length < 2)
                {
                    return copy;
                }

                var q = random.Next(quotes.Length - 1);
                return [.. copy.Take(quotes[q]), .. copy.Skip(quotes[q] + 1).Take(quotes[q + 1] - quotes[q] - 1), .. copy.Skip(quotes[q + 1] + 1)];
            default:
                // A field name's letter changed: an unknown or misplaced field.
                var names = Positions(copy, b => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z');
                if (names.Length > 0)
                {
                    copy[names[random.Next(names.Length)]] = (byte)"eEsUuTpba"[random.Next(9)];
                }

                return copy;
        }
    }

    private static int[] Positions(byte[] frame, Func<byte, bool> match) =>
        [.. Enumerable.Range(0, frame.Length).Where(i => match(frame[i]))];

    private static byte[] Without(byte[] frame, int[] positions, Random random)
    {
        if (positions.Length == 0)
        {
            return frame;
        }

        var removed = positions[random.Next(positions.Length)];
        return [.. frame.Take(removed), .. frame.Skip(removed + 1)];
    }
}
