using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Common.Scanning;

/// <summary>
/// A forward-only cursor over one frame's UTF-8 bytes for the purpose-built venue scanners: each method consumes the
/// exact bytes it expects (compact JSON as venues send it: no whitespace, no escapes, fields in documented order) and
/// returns false at the first surprise, leaving the decision to the caller, which then hands the whole frame to the
/// validating <c>Utf8JsonReader</c> parser. The scanners therefore only ever accept a subset of what the validating
/// parser accepts, and produce the same values for it.
/// </summary>
/// <param name="frame">The frame's bytes.</param>
internal ref struct FrameCursor(ReadOnlySpan<byte> frame)
{
    // Longest integer read without overflow checks: 18 digits < long.MaxValue (9.2e18).
    private const int MaxInt64Digits = 18;

    private readonly ReadOnlySpan<byte> _frame = frame;
    private int _position;

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Consumes <paramref name="literal"/> when the frame continues with exactly those bytes.</summary>
    /// <param name="literal">Expected bytes, e.g. <c>,"E":</c>.</param>
    /// <returns>False (nothing consumed) when the frame continues otherwise.</returns>
    public bool TryLiteral(ReadOnlySpan<byte> literal)
    {
        if (!_frame[_position..].StartsWith(literal))
        {
            return false;
        }

        _position += literal.Length;
        return true;
    }

    /// <summary>Consumes one byte when it is <paramref name="value"/>.</summary>
    /// <param name="value">The expected byte.</param>
    /// <returns>False when the frame ends or continues otherwise.</returns>
    public bool TryByte(byte value)
    {
        if (_position >= _frame.Length || _frame[_position] != value)
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>True when the next byte is <paramref name="value"/>; consumes nothing.</summary>
    /// <param name="value">The byte.</param>
    /// <returns>Whether it is next.</returns>
    public readonly bool Peek(byte value) => _position < _frame.Length && _frame[_position] == value;

    /// <summary>
    /// Consumes a non-negative JSON integer of 1–18 digits without a leading zero (the JSON grammar), as
    /// <c>Utf8JsonReader.TryGetInt64</c> would read it.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>False for a sign, fraction, exponent, leading zero, 19+ digits or no digits.</returns>
    public bool TryUInt64(out long value)
    {
        value = 0;
        var start = _position;
        var i = start;
        while (i < _frame.Length)
        {
            var d = (uint)(_frame[i] - '0');
            if (d > 9)
            {
                break;
            }

            value = (value * 10) + d;
            i++;
        }

        var digits = i - start;
        if (digits == 0 || digits > MaxInt64Digits || (digits > 1 && _frame[start] == '0')
            || (i < _frame.Length && _frame[i] is (byte)'.' or (byte)'e' or (byte)'E'))
        {
            return false;
        }

        _position = i;
        return true;
    }

    /// <summary>
    /// Consumes a JSON integer with an optional minus sign (1–18 digits, no leading zero), as
    /// <c>Utf8JsonReader.TryGetInt64</c> would read it.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>False for a plus sign, fraction, exponent, leading zero, 19+ digits or no digits.</returns>
    public bool TryInt64(out long value)
    {
        var negative = TryByte((byte)'-');
        if (!TryUInt64(out value))
        {
            _position -= negative ? 1 : 0;
            return false;
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>
    /// Consumes a JSON string holding only 1–18 digits (<c>"1626995753399"</c>) and returns its value, as a
    /// <c>Utf8Parser</c> integer parse of the whole string would.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>False for anything else.</returns>
    public bool TryDigitString(out long value)
    {
        value = 0;
        var start = _position;
        if (!TryByte((byte)'"'))
        {
            return false;
        }

        var digits = 0;
        while (_position < _frame.Length && (uint)(_frame[_position] - '0') <= 9)
        {
            value = (value * 10) + (_frame[_position] - '0');
            digits++;
            _position++;
        }

        if (digits is 0 or > MaxInt64Digits || !TryByte((byte)'"'))
        {
            _position = start;
            value = 0;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Consumes a JSON string of printable ASCII without escapes (the opening quote included) and returns its content.
    /// </summary>
    /// <param name="content">The bytes between the quotes.</param>
    /// <returns>False for escapes, control or non-ASCII bytes, or an unterminated string.</returns>
    public bool TryPlainString(out ReadOnlySpan<byte> content)
    {
        content = default;
        if (!TryByte((byte)'"'))
        {
            return false;
        }

        var start = _position;
        for (var i = start; i < _frame.Length; i++)
        {
            var c = _frame[i];
            if (c == '"')
            {
                content = _frame[start..i];
                _position = i + 1;
                return true;
            }

            if (c is < 0x20 or > 0x7E or (byte)'\\')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Consumes a JSON string holding a plain unsigned decimal (<c>"0.0123"</c>: digits and at most one point) and
    /// parses it in the same pass, with the value and scale <see cref="FixedDecimal.TryParse(ReadOnlySpan{byte}, out FixedDecimal)"/> gives.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>False for anything else (signs, exponents, other bytes, no digits, out of range).</returns>
    public bool TryDecimalString(out FixedDecimal value)
    {
        value = default;
        if (_position >= _frame.Length || _frame[_position] != '"')
        {
            return false;
        }

        var start = _position + 1;
        long mantissa = 0;
        var digits = 0;
        var scale = 0;
        var point = -1;
        var i = start;
        for (; i < _frame.Length; i++)
        {
            var c = _frame[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                mantissa = (mantissa * 10) + d;
                digits++;
            }
            else if (c == '.' && point < 0)
            {
                point = i;
            }
            else
            {
                break;
            }
        }

        if (i >= _frame.Length || _frame[i] != '"' || digits == 0)
        {
            return false;
        }

        if (digits > MaxInt64Digits)
        {
            // Long mantissas: let the general parser apply its own significant-digit and range rules.
            if (!FixedDecimal.TryParse(_frame[start..i], out value))
            {
                return false;
            }
        }
        else
        {
            scale = point < 0 ? 0 : i - point - 1;
            value = new FixedDecimal(mantissa, scale);
        }

        _position = i + 1;
        return true;
    }

    /// <summary>
    /// Consumes a JSON number holding a plain decimal (<c>-0.0123</c>: optional minus, no leading zero, at most one
    /// point with digits on both sides, no exponent, 1–18 digits) and parses it in the same pass, with the value and
    /// scale <see cref="FixedDecimal.TryParse(ReadOnlySpan{byte}, out FixedDecimal)"/> gives.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>False for anything else (exponents, other JSON number forms, invalid JSON, 19+ digits).</returns>
    public bool TryDecimalNumber(out FixedDecimal value)
    {
        value = default;
        var i = _position;
        var negative = i < _frame.Length && _frame[i] == '-';
        i += negative ? 1 : 0;
        var start = i;
        long mantissa = 0;
        while (i < _frame.Length && (uint)(_frame[i] - '0') <= 9)
        {
            mantissa = (mantissa * 10) + (_frame[i] - '0');
            i++;
        }

        var integerDigits = i - start;
        if (integerDigits == 0 || (integerDigits > 1 && _frame[start] == '0'))
        {
            return false;
        }

        var scale = 0;
        if (i < _frame.Length && _frame[i] == '.')
        {
            i++;
            var fractionStart = i;
            while (i < _frame.Length && (uint)(_frame[i] - '0') <= 9)
            {
                mantissa = (mantissa * 10) + (_frame[i] - '0');
                i++;
            }

            scale = i - fractionStart;
            if (scale == 0)
            {
                return false;
            }
        }

        if (integerDigits + scale > MaxInt64Digits || (i < _frame.Length && _frame[i] is (byte)'e' or (byte)'E'))
        {
            return false;
        }

        value = new FixedDecimal(negative ? -mantissa : mantissa, scale);
        _position = i;
        return true;
    }

    /// <summary>
    /// Consumes a level array <c>[["price","size"],…]</c> (exactly two decimal strings per level), appending to a rented
    /// buffer as <c>JsonLevelReader.TryReadLevels</c> would.
    /// </summary>
    /// <param name="side">Side to tag the levels with.</param>
    /// <param name="buffer">A rented buffer, re-rented when full; owned by the caller.</param>
    /// <param name="count">Entries used; advanced.</param>
    /// <param name="maxLevels">Cap on <paramref name="count"/>; reaching past it is a surprise (the validating parser rejects it).</param>
    /// <param name="extraStrings">Whether a level may carry further plain-string elements after the size (OKX's
    /// liquidated-orders and order-count fields), skipped as the validating reader skips them.</param>
    /// <returns>False at any surprise, an invalid level (non-positive price) or too many levels.</returns>
    public bool TryLevels(BookSide side, ref LevelUpdate[] buffer, ref int count, int maxLevels, bool extraStrings = false)
    {
        if (!TryByte((byte)'['))
        {
            return false;
        }

        if (TryByte((byte)']'))
        {
            return true;
        }

        do
        {
            if (!TryByte((byte)'[') || !TryDecimalString(out var price) || !TryByte((byte)',')
                || !TryDecimalString(out var size))
            {
                return false;
            }

            while (extraStrings && TryByte((byte)','))
            {
                if (!TryPlainString(out _))
                {
                    return false;
                }
            }

            if (!TryByte((byte)']') || price.Mantissa <= 0 || count >= maxLevels)
            {
                return false;
            }

            if (count == buffer.Length)
            {
                JsonLevelReader.Grow(ref buffer);
            }

            buffer[count++] = new LevelUpdate(side, price, size);
        }
        while (TryByte((byte)','));

        return TryByte((byte)']');
    }
}
