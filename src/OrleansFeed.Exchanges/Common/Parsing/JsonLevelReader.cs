using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Events;

namespace OrleansFeed.Exchanges.Common.Parsing;

/// <summary>
/// Reads JSON level arrays of the form <c>[["price","size"], ...]</c> (extra elements per level are skipped)
/// straight from UTF-8 into a rented <see cref="LevelUpdate"/> buffer. No strings, no DOM.
/// </summary>
public static class JsonLevelReader
{
    /// <summary>
    /// Reads one array of levels. The reader must be positioned on the property name or on the
    /// <c>[</c> token; on success it is left on the closing <c>]</c>.
    /// </summary>
    /// <param name="reader">The JSON reader.</param>
    /// <param name="side">Side to tag the levels with.</param>
    /// <param name="buffer">A rented buffer, grown (re-rented) when full; owned by the caller.</param>
    /// <param name="count">Entries used in <paramref name="buffer"/>; advanced.</param>
    /// <param name="maxLevels">Cap on <paramref name="count"/>.</param>
    /// <param name="reason">Why reading failed.</param>
    /// <returns>False on malformed input, bad numbers, invalid levels or too many levels.</returns>
    public static bool TryReadLevels(
        ref Utf8JsonReader reader,
        BookSide side,
        ref LevelUpdate[] buffer,
        ref int count,
        int maxLevels,
        out FrameRejectReason reason)
    {
        reason = FrameRejectReason.Malformed;
        if (reader.TokenType == JsonTokenType.PropertyName && !reader.Read())
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reason = FrameRejectReason.WrongFieldType;
            return false;
        }

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reason = FrameRejectReason.WrongFieldType;
                return false;
            }

            if (!TryReadDecimalElement(ref reader, out var price, out reason)
                || !TryReadDecimalElement(ref reader, out var size, out reason))
            {
                return false;
            }

            // Skip any extra per-level elements (order counts, timestamps) up to the level's end.
            var depth = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndArray && depth == 0)
                {
                    break;
                }

                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                {
                    depth++;
                }
                else if (reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject)
                {
                    depth--;
                }
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                reason = FrameRejectReason.Malformed;
                return false;
            }

            if (size.IsNegative || price.Mantissa <= 0)
            {
                reason = FrameRejectReason.InvalidLevel;
                return false;
            }

            if (count >= maxLevels)
            {
                reason = FrameRejectReason.TooManyLevels;
                return false;
            }

            if (count == buffer.Length)
            {
                Grow(ref buffer);
            }

            buffer[count++] = new LevelUpdate(side, price, size);
        }

        return false;
    }

    /// <summary>Reads the next token as a decimal given as a JSON string or number, keeping its text scale.</summary>
    /// <param name="reader">The reader, positioned before the value.</param>
    /// <param name="value">The value.</param>
    /// <param name="reason">Why it failed.</param>
    /// <returns>False when the token is missing, not a string/number, or not an exact decimal in range.</returns>
    public static bool TryReadDecimalElement(ref Utf8JsonReader reader, out FixedDecimal value, out FrameRejectReason reason)
    {
        value = default;
        if (!reader.Read())
        {
            reason = FrameRejectReason.Malformed;
            return false;
        }

        return TryGetDecimal(ref reader, out value, out reason);
    }

    /// <summary>Reads the current token (string or number) as a decimal, keeping its text scale.</summary>
    /// <param name="reader">The reader, positioned on the value.</param>
    /// <param name="value">The value.</param>
    /// <param name="reason">Why it failed.</param>
    /// <returns>False when the token is not a string/number or not an exact decimal in range.</returns>
    public static bool TryGetDecimal(ref Utf8JsonReader reader, out FixedDecimal value, out FrameRejectReason reason)
    {
        value = default;
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            reason = FrameRejectReason.WrongFieldType;
            return false;
        }

        // Venue numbers never contain escapes; ValueSpan is the raw text, so the scale is preserved.
        if (reader.ValueIsEscaped || reader.HasValueSequence || !FixedDecimal.TryParse(reader.ValueSpan, out value))
        {
            reason = FrameRejectReason.InvalidNumber;
            return false;
        }

        reason = default;
        return true;
    }

    /// <summary>Rents a level buffer from the shared pool.</summary>
    /// <param name="minimumLength">Minimum capacity.</param>
    /// <returns>The buffer; the receiver of the <see cref="BookEvent"/> built from it returns it.</returns>
    public static LevelUpdate[] Rent(int minimumLength = 64) => ArrayPool<LevelUpdate>.Shared.Rent(minimumLength);

    internal static void Grow(ref LevelUpdate[] buffer)
    {
        var bigger = ArrayPool<LevelUpdate>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan().CopyTo(bigger);
        ArrayPool<LevelUpdate>.Shared.Return(buffer);
        buffer = bigger;
    }
}
