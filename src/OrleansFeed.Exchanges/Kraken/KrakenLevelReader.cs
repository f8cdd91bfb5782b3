using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>
/// Reads Kraken book levels straight from UTF-8 into a rented <see cref="LevelUpdate"/> buffer: v1
/// <c>[["price","volume","timestamp"(,"r")], …]</c> (strings; the optional <c>"r"</c> marks a republish and is applied
/// like any level) and v2 <c>[{"price":45283.5,"qty":0.10000000}, …]</c> (JSON numbers whose raw text is kept for the checksum).
/// </summary>
internal static class KrakenLevelReader
{
    /// <summary>Reads a v1 level array; the reader is on the property name or <c>[</c>, and ends on the closing <c>]</c>.</summary>
    public static bool TryReadV1(ref Utf8JsonReader reader, BookSide side, ref LevelUpdate[] buffer, ref int count, int maxLevels, ref Timestamp latest, out FrameRejectReason reason)
    {
        if (!TryEnterArray(ref reader, out reason))
        {
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

            if (!JsonLevelReader.TryReadDecimalElement(ref reader, out var price, out reason)
                || !JsonLevelReader.TryReadDecimalElement(ref reader, out var size, out reason))
            {
                return false;
            }

            // Third element: the level's update time, epoch seconds as text. Then an optional "r" (republish).
            if (!reader.Read())
            {
                reason = FrameRejectReason.Malformed;
                return false;
            }

            if (reader.TokenType == JsonTokenType.String && KrakenTimestamps.TryParseSeconds(reader.ValueSpan, out var time) && time > latest)
            {
                latest = time;
            }

            if (reader.TokenType != JsonTokenType.EndArray && !SkipToLevelEnd(ref reader))
            {
                reason = FrameRejectReason.Malformed;
                return false;
            }

            if (!TryAdd(side, price, size, ref buffer, ref count, maxLevels, out reason))
            {
                return false;
            }
        }

        reason = FrameRejectReason.Malformed;
        return false;
    }

    /// <summary>Reads a v2 level array of <c>{"price","qty"}</c> objects; same reader contract as <see cref="TryReadV1"/>.</summary>
    public static bool TryReadV2(ref Utf8JsonReader reader, BookSide side, ref LevelUpdate[] buffer, ref int count, int maxLevels, out FrameRejectReason reason)
    {
        if (!TryEnterArray(ref reader, out reason))
        {
            return false;
        }

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reason = FrameRejectReason.WrongFieldType;
                return false;
            }

            FixedDecimal price = default, size = default;
            bool hasPrice = false, hasSize = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("price"u8))
                {
                    if (!(hasPrice = JsonLevelReader.TryReadDecimalElement(ref reader, out price, out reason)))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("qty"u8))
                {
                    if (!(hasSize = JsonLevelReader.TryReadDecimalElement(ref reader, out size, out reason)))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || !hasPrice || !hasSize)
            {
                reason = FrameRejectReason.MissingField;
                return false;
            }

            if (!TryAdd(side, price, size, ref buffer, ref count, maxLevels, out reason))
            {
                return false;
            }
        }

        reason = FrameRejectReason.Malformed;
        return false;
    }

    private static bool SkipToLevelEnd(ref Utf8JsonReader reader)
    {
        reader.Skip();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static bool TryEnterArray(ref Utf8JsonReader reader, out FrameRejectReason reason)
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

        return true;
    }

    private static bool TryAdd(BookSide side, FixedDecimal price, FixedDecimal size, ref LevelUpdate[] buffer, ref int count, int maxLevels, out FrameRejectReason reason)
    {
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
            var bigger = ArrayPool<LevelUpdate>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan().CopyTo(bigger);
            ArrayPool<LevelUpdate>.Shared.Return(buffer);
            buffer = bigger;
        }

        buffer[count++] = new LevelUpdate(side, price, size);
        reason = default;
        return true;
    }
}
