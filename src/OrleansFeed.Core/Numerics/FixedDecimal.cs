using System.Diagnostics.CodeAnalysis;

namespace OrleansFeed.Core.Numerics;

/// <summary>
/// An exact decimal number held as a signed 64-bit mantissa and a decimal scale:
/// value = <see cref="Mantissa"/> × 10^-<see cref="Scale"/>. Used for every price (quote currency)
/// and size (base units, or contracts where the venue quotes contracts) in the system.
/// </summary>
/// <remarks>
/// <para>The scale is the number of fraction digits of the text the value was parsed from, so
/// formatting gives that text back byte for byte, trailing zeros included (<c>"0.00100000"</c> stays
/// <c>"0.00100000"</c>). Kraken's and OKX's book checksums hash that original text
/// (see shared/docs/exchange-protocols.md §0, §4, §6).</para>
/// <para>Equality and ordering are numeric: <c>1.0</c> equals <c>1.00</c>. Two values with the
/// same numeric value but different scales are equal but format differently.</para>
/// <para>Range: a mantissa that fits 64 bits (up to 19 digits) and a scale of at most <see cref="MaxScale"/>.
/// Text outside that range is rejected by <see cref="TryParse(ReadOnlySpan{byte}, out FixedDecimal)"/>,
/// never rounded. The default value is zero with scale 0.</para>
/// </remarks>
public readonly partial struct FixedDecimal : IEquatable<FixedDecimal>, IComparable<FixedDecimal>
{
    /// <summary>The largest scale (fraction digits) accepted: 18.</summary>
    public const int MaxScale = 18;

    /// <summary>Zero with scale 0.</summary>
    public static FixedDecimal Zero => default;

    private readonly long _mantissa;
    private readonly byte _scale;

    /// <summary>Creates a value from a mantissa and a scale.</summary>
    /// <param name="mantissa">The unscaled integer value.</param>
    /// <param name="scale">Number of fraction digits, 0 to <see cref="MaxScale"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is outside 0..18.</exception>
    public FixedDecimal(long mantissa, int scale)
    {
        if ((uint)scale > MaxScale)
        {
            ThrowScaleOutOfRange(scale);
        }

        _mantissa = mantissa;
        _scale = (byte)scale;
    }

    /// <summary>The unscaled integer value.</summary>
    public long Mantissa => _mantissa;

    /// <summary>Number of fraction digits (0..18), as in the text the value came from.</summary>
    public int Scale => _scale;

    /// <summary>True when the value is exactly zero (at any scale).</summary>
    public bool IsZero => _mantissa == 0;

    /// <summary>True when the value is below zero.</summary>
    public bool IsNegative => _mantissa < 0;

    /// <summary>Exact conversion to <see cref="decimal"/> (28 digits: never loses precision).</summary>
    public decimal ToDecimal()
    {
        // Magnitude as ulong so long.MinValue (2^63) is representable.
        var magnitude = _mantissa < 0 ? (ulong)(-(_mantissa + 1)) + 1 : (ulong)_mantissa;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, _mantissa < 0, _scale);
    }

    /// <summary>
    /// Converts a <see cref="decimal"/> exactly, keeping its scale (trailing zeros).
    /// </summary>
    /// <param name="value">The value; its scale and digits must fit (18 digits, scale ≤ 18).</param>
    /// <param name="result">The converted value, or zero when it does not fit.</param>
    /// <returns>False when the value does not fit in 64 bits at its scale.</returns>
    public static bool TryFromDecimal(decimal value, out FixedDecimal result)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        if (bits[2] != 0 || scale > MaxScale)
        {
            result = default;
            return false;
        }

        var magnitude = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (magnitude > long.MaxValue)
        {
            result = default;
            return false;
        }

        result = new FixedDecimal(negative ? -(long)magnitude : (long)magnitude, scale);
        return true;
    }

    /// <summary>Converts a <see cref="decimal"/> exactly.</summary>
    /// <exception cref="OverflowException">The value does not fit in 64 bits at scale ≤ 18.</exception>
    public static FixedDecimal FromDecimal(decimal value) =>
        TryFromDecimal(value, out var result) ? result : throw new OverflowException($"{value} does not fit a FixedDecimal.");

    /// <inheritdoc />
    public bool Equals(FixedDecimal other) => CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is FixedDecimal other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Numeric equality across scales: hash the normalised form (trailing zeros stripped).
        var m = _mantissa;
        var s = (int)_scale;
        while (s > 0 && m % 10 == 0)
        {
            m /= 10;
            s--;
        }

        return HashCode.Combine(m, s);
    }

    /// <inheritdoc />
    public int CompareTo(FixedDecimal other)
    {
        if (_scale == other._scale)
        {
            return _mantissa.CompareTo(other._mantissa);
        }

        // Different scales: widen to 128 bits so the rescale cannot overflow.
        Int128 a = _mantissa;
        Int128 b = other._mantissa;
        if (_scale < other._scale)
        {
            a *= Pow10Int128(other._scale - _scale);
        }
        else
        {
            b *= Pow10Int128(_scale - other._scale);
        }

        return a.CompareTo(b);
    }

    /// <summary>Numeric equality.</summary>
    public static bool operator ==(FixedDecimal left, FixedDecimal right) => left.Equals(right);

    /// <summary>Numeric inequality.</summary>
    public static bool operator !=(FixedDecimal left, FixedDecimal right) => !left.Equals(right);

    /// <summary>Numeric less-than.</summary>
    public static bool operator <(FixedDecimal left, FixedDecimal right) => left.CompareTo(right) < 0;

    /// <summary>Numeric greater-than.</summary>
    public static bool operator >(FixedDecimal left, FixedDecimal right) => left.CompareTo(right) > 0;

    /// <summary>Numeric less-than-or-equal.</summary>
    public static bool operator <=(FixedDecimal left, FixedDecimal right) => left.CompareTo(right) <= 0;

    /// <summary>Numeric greater-than-or-equal.</summary>
    public static bool operator >=(FixedDecimal left, FixedDecimal right) => left.CompareTo(right) >= 0;

    private static Int128 Pow10Int128(int exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    [DoesNotReturn]
    private static void ThrowScaleOutOfRange(int scale) =>
        throw new ArgumentOutOfRangeException(nameof(scale), scale, $"Scale must be 0..{MaxScale}.");
}
