using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.KuCoin;

/// <summary>
/// Parses a KuCoin REST level-2 snapshot (<c>GET /api/v1/market/orderbook/level2_20|level2_100</c> public, or the
/// keyed full book <c>/api/v3/market/orderbook/level2</c>): <c>{"code":"200000","data":{"time":ms,"sequence":"N",
/// "bids":[[p,q]],"asks":[[p,q]]}}</c> (shared/docs/exchange-protocols.md §3 "REST").
/// </summary>
public static class KuCoinSnapshotParser
{
    /// <summary>Parses a snapshot body into a <see cref="BookEventKind.Snapshot"/> event whose <see cref="BookEvent.LastUpdateId"/> is <c>sequence</c>.</summary>
    /// <param name="body">The response body.</param>
    /// <param name="symbol">The symbol requested (the body does not name it).</param>
    /// <param name="receiveTime">When the response arrived (UTC, µs).</param>
    /// <param name="limits">Caps; default when null.</param>
    /// <param name="snapshot">The event; the caller owns its rented levels. Exchange time is <c>data.time</c> (ms).</param>
    /// <param name="reason">Why parsing failed: an error body (<c>code</c> other than <c>200000</c>, no <c>data</c>) is <see cref="FrameRejectReason.MissingField"/>.</param>
    /// <returns>False on any malformed or invalid content. Never throws for bad input.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, string symbol, Timestamp receiveTime, ParseLimits? limits, out BookEvent snapshot, out FrameRejectReason reason)
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
        long sequence = -1, time = 0;
        bool hasBids = false, hasAsks = false, codeOk = true, ok;
        reason = FrameRejectReason.Malformed;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            ok = reader.Read() && reader.TokenType == JsonTokenType.StartObject;
            while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("code"u8))
                {
                    reader.Read();
                    codeOk = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("200000"u8);
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    ok = reader.TokenType == JsonTokenType.StartObject;
                    reason = FrameRejectReason.WrongFieldType;
                    while (ok && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("sequence"u8))
                        {
                            reader.Read();
                            ok = JsonFieldReader.TryGetInt64OrString(ref reader, out sequence);
                            reason = FrameRejectReason.WrongFieldType;
                        }
                        else if (reader.ValueTextEquals("time"u8))
                        {
                            reader.Read();
                            ok = JsonFieldReader.TryGetInt64OrString(ref reader, out time);
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

        if (ok && (!codeOk || sequence < 0 || !hasBids || !hasAsks))
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
            BookEventKind.Snapshot, symbol, sequence, sequence, -1, levels, count,
            time == 0 ? Timestamp.None : Timestamp.FromUnixMilliseconds(time), receiveTime);
        return true;
    }
}
