using System.Text.Json;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Simulator.Internal;

/// <summary>Turns capture records into playback frames and recorded REST snapshots, once, at load time.</summary>
internal static class CaptureIndex
{
    /// <summary>Splits a recorded combined-stream frame; false for control replies, raw payloads and bad JSON.</summary>
    public static bool TryCreateFrame(CaptureRecord record, out PlaybackFrame frame)
    {
        frame = null!;
        string? stream = null;
        var dataStart = -1;
        var dataEnd = -1;
        try
        {
            var reader = new Utf8JsonReader(record.Payload.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    stream = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    dataStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    dataEnd = (int)reader.BytesConsumed;
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
            return false;
        }

        if (stream is null || dataStart < 0)
        {
            return false;
        }

        stream = stream.ToLowerInvariant();
        var diffSymbol = StreamNames.IsDiffDepth(stream) ? StreamNames.SymbolOf(stream) : null;
        frame = new PlaybackFrame(
            record.Time, stream, record.Payload, record.Payload[dataStart..dataEnd], diffSymbol, StreamNames.RouteOf(stream));
        return true;
    }

    /// <summary>The <c>symbol</c> query value of a recorded REST depth URL, upper-cased; null when not a depth URL.</summary>
    public static string? DepthSymbolOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.AbsolutePath.EndsWith("/depth", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("symbol=", StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(pair[7..]).ToUpperInvariant();
            }
        }

        return null;
    }
}
