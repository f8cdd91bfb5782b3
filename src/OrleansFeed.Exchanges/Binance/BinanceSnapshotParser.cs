using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Binance;

/// <summary>
/// Parses a Binance REST depth snapshot (<c>GET /api/v3/depth</c>, <c>/fapi/v1/depth</c>, <c>/dapi/v1/depth</c>):
/// <c>{"lastUpdateId":N,"E"?,"T"?,"bids":[[p,q]],"asks":[[p,q]]}</c> (§1, §2).
/// </summary>
public static class BinanceSnapshotParser
{
    /// <summary>Parses a snapshot body into a <see cref="BookEventKind.Snapshot"/> event.</summary>
    /// <param name="body">The response body.</param>
    /// <param name="symbol">The symbol requested (the body does not name it).</param>
    /// <param name="receiveTime">When the response arrived (UTC, µs).</param>
    /// <param name="limits">Caps; default when null.</param>
    /// <param name="snapshot">The event; the caller owns its rented levels.</param>
    /// <param name="reason">Why parsing failed (an error body such as <c>{"code":-1121}</c> is <see cref="FrameRejectReason.MissingField"/>).</param>
    /// <returns>False on any malformed or invalid content. Never throws for bad input.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, string symbol, Timestamp receiveTime, ParseLimits? limits, out BookEvent snapshot, out FrameRejectReason reason)
    {
        limits ??= ParseLimits.Default;
        if (body.Length <= limits.MaxFrameBytes && BinanceSnapshotScanner.TryScan(body, symbol, receiveTime, limits.MaxLevelsPerMessage, out snapshot))
        {
            reason = default;
            return true;
        }

        return TryParseValidating(body, symbol, receiveTime, limits, out snapshot, out reason);
    }

    /// <summary>
    /// The validating <see cref="Utf8JsonReader"/> path alone: what <see cref="TryParse"/> falls back to when a body
    /// surprises <see cref="BinanceSnapshotScanner"/> (the differential tests compare the two).
    /// </summary>
    internal static bool TryParseValidating(ReadOnlySpan<byte> body, string symbol, Timestamp receiveTime, ParseLimits? limits, out BookEvent snapshot, out FrameRejectReason reason)
    {
        limits ??= ParseLimits.Default;
        snapshot = default;
        if (body.Length > limits.MaxFrameBytes)
        {
            reason = FrameRejectReason.TooLarge;
            return false;
        }

        var levels = JsonLevelReader.Rent(1024);
        var count = 0;
        long lastUpdateId = -1, eventTime = 0;
        bool hasBids = false, hasAsks = false, ok = true;
        reason = FrameRejectReason.Malformed;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            ok = reader.Read() && reader.TokenType == JsonTokenType.StartObject;
            while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("lastUpdateId"u8))
                {
                    ok = reader.Read() && reader.TryGetInt64(out lastUpdateId);
                    reason = FrameRejectReason.WrongFieldType;
                }
                else if (reader.ValueTextEquals("E"u8))
                {
                    ok = reader.Read() && reader.TryGetInt64(out eventTime);
                    reason = FrameRejectReason.WrongFieldType;
                }
                else if (reader.ValueTextEquals("bids"u8))
                {
                    ok = hasBids = JsonLevelReader.TryReadLevels(ref reader, BookSide.Bid, ref levels, ref count, limits.MaxLevelsPerMessage, out reason);
                }
                else if (reader.ValueTextEquals("asks"u8))
                {
                    ok = hasAsks = JsonLevelReader.TryReadLevels(ref reader, BookSide.Ask, ref levels, ref count, limits.MaxLevelsPerMessage, out reason);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            ok = false;
            reason = FrameRejectReason.Malformed;
        }
        catch (InvalidOperationException)
        {
            ok = false;
            reason = FrameRejectReason.WrongFieldType;
        }
        catch (FormatException)
        {
            ok = false;
            reason = FrameRejectReason.WrongFieldType;
        }

        if (ok && (lastUpdateId < 0 || !hasBids || !hasAsks))
        {
            ok = false;
            reason = FrameRejectReason.MissingField;
        }

        if (!ok)
        {
            ArrayPool<LevelUpdate>.Shared.Return(levels);
            return false;
        }

        snapshot = new BookEvent(
            BookEventKind.Snapshot, symbol, lastUpdateId, lastUpdateId, -1, levels, count,
            eventTime == 0 ? Timestamp.None : Timestamp.FromUnixMilliseconds(eventTime), receiveTime);
        return true;
    }
}
