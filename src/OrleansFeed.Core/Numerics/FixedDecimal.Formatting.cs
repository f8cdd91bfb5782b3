using System.Text;

namespace OrleansFeed.Core.Numerics;

public readonly partial struct FixedDecimal : ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The longest text a value formats to: sign, 19 digits, point, leading zero(s).</summary>
    public const int MaxFormattedLength = 40;

    /// <summary>
    /// Writes the value as plain decimal text with exactly <see cref="Scale"/> fraction digits
    /// (the inverse of parsing: <c>"0.00100000"</c> round-trips byte for byte). Allocates nothing.
    /// </summary>
    /// <param name="utf8Destination">Where to write.</param>
    /// <param name="bytesWritten">Bytes written, or 0 when the destination is too short.</param>
    /// <param name="format">Ignored; there is one format.</param>
    /// <param name="provider">Ignored; the text is culture-invariant.</param>
    /// <returns>False when the destination is too short.</returns>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        var magnitude = _mantissa < 0 ? (ulong)(-(_mantissa + 1)) + 1 : (ulong)_mantissa;
        var scale = (int)_scale;

        // At least one digit before the point: "0.001", not ".001".
        var count = Math.Max(CountDigits(magnitude), scale + 1);
        var length = count + (scale > 0 ? 1 : 0) + (_mantissa < 0 ? 1 : 0);
        if (utf8Destination.Length < length)
        {
            bytesWritten = 0;
            return false;
        }

        // Right to left straight into the destination: fraction digits, the point, then the integer digits.
        var pos = length;
        for (var i = 0; i < count; i++)
        {
            if (i == scale && scale > 0)
            {
                utf8Destination[--pos] = (byte)'.';
            }

            var quotient = magnitude / 10;
            utf8Destination[--pos] = (byte)('0' + (int)(magnitude - (quotient * 10)));
            magnitude = quotient;
        }

        if (_mantissa < 0)
        {
            utf8Destination[--pos] = (byte)'-';
        }

        bytesWritten = length;
        return true;
    }

    private static int CountDigits(ulong value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    /// <summary>Writes the value as UTF-16 text; see <see cref="TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="charsWritten">Characters written, or 0 when the destination is too short.</param>
    /// <param name="format">Ignored.</param>
    /// <param name="provider">Ignored.</param>
    /// <returns>False when the destination is too short.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        Span<byte> utf8 = stackalloc byte[MaxFormattedLength];
        TryFormat(utf8, out var written);
        if (destination.Length < written)
        {
            charsWritten = 0;
            return false;
        }

        charsWritten = Encoding.ASCII.GetChars(utf8[..written], destination);
        return true;
    }

    /// <summary>The value as plain decimal text with <see cref="Scale"/> fraction digits.</summary>
    /// <returns>For example <c>"0.00100000"</c> or <c>"-12.5"</c>.</returns>
    public override string ToString()
    {
        Span<byte> utf8 = stackalloc byte[MaxFormattedLength];
        TryFormat(utf8, out var written);
        return Encoding.ASCII.GetString(utf8[..written]);
    }

    /// <summary>The value as text; the format and provider are ignored.</summary>
    /// <param name="format">Ignored.</param>
    /// <param name="formatProvider">Ignored.</param>
    /// <returns>See <see cref="ToString()"/>.</returns>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();
}
