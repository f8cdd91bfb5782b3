using System.Text.Json;

namespace OrleansFeed.Bridge.Nats.Requests;

/// <summary>Reads the optional JSON request body <c>{"depth":N}</c> / <c>{"limit":N}</c>; bad input falls back to the default.</summary>
internal static class RequestArgs
{
    public static int ReadInt(ReadOnlySpan<byte> json, string name, int fallback, int min, int max)
    {
        if (json.IsEmpty)
        {
            return fallback;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name) && reader.Read()
                    && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
                {
                    return Math.Clamp(value, min, max);
                }
            }
        }
        catch (JsonException)
        {
            // A malformed body is not an error worth failing the request for: the default applies.
        }

        return fallback;
    }
}
