using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.KuCoin;

/// <summary>
/// Reads KuCoin <c>l2update</c> change arrays <c>[["price","size","sequence"], ...]</c> into pooled
/// <see cref="LevelUpdate"/>s carrying each change's own sequence (§3 "Topics and payloads").
/// </summary>
/// <remarks>A change with price <c>"0"</c> (Kucoin/kucoin-api-docs #21) is a sequence-only placeholder: it is
/// validated and skipped, since the message's <c>sequenceEnd</c> already advances the book (§3 calibration step 4).</remarks>
internal static class KuCoinLevelReader
{
    /// <summary>Reads one side's changes; the reader is on the property name or the <c>[</c> and is left on the <c>]</c>.</summary>
    public static bool TryReadChanges(
        ref Utf8JsonReader reader,
        BookSide side,
        ref LevelUpdate[] buffer,
        ref int count,
        int maxLevels,
        out FrameRejectReason reason)
    {
        reason = FrameRejectReason.WrongFieldType;
        if (reader.TokenType == JsonTokenType.PropertyName && !reader.Read())
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartArray
                || !JsonLevelReader.TryReadDecimalElement(ref reader, out var price, out reason)
                || !JsonLevelReader.TryReadDecimalElement(ref reader, out var size, out reason))
            {
                return false;
            }

            long sequence = 0;
            if (!reader.Read())
            {
                reason = FrameRejectReason.Malformed;
                return false;
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                if (!JsonFieldReader.TryGetInt64OrString(ref reader, out sequence) || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                {
                    reason = FrameRejectReason.WrongFieldType;
                    return false;
                }
            }

            if (price.IsNegative || size.IsNegative || (price.IsZero && !size.IsZero))
            {
                reason = FrameRejectReason.InvalidLevel;
                return false;
            }

            if (price.IsZero)
            {
                continue;
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

            buffer[count++] = new LevelUpdate(side, price, size, sequence);
        }

        reason = FrameRejectReason.Malformed;
        return false;
    }
}
