using System.Text.Json;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>A parsed client message: <c>{"op","channel","venue","symbol","instrument","interval","depth","id"}</c>.</summary>
internal sealed class ClientRequest
{
    public string? Op { get; private set; }

    public string? Channel { get; private set; }

    public string? Venue { get; private set; }

    public string? Symbol { get; private set; }

    /// <summary>Canonical instrument of an instrument channel (<c>nbbo</c>, <c>stats</c>, <c>candles</c>).</summary>
    public string? Instrument { get; private set; }

    /// <summary>Candle interval name of the <c>candles</c> channel (<c>1m</c> when absent).</summary>
    public string? Interval { get; private set; }

    /// <summary>Raw depth: null when absent; otherwise the number, or <see cref="DepthInvalid"/> set.</summary>
    public long? Depth { get; private set; }

    public bool DepthInvalid { get; private set; }

    /// <summary>The client's id (string or number), echoed back; <c>Undefined</c> when absent.</summary>
    public JsonElement Id { get; private set; }

    /// <summary>Parses one client message; never throws on bad input.</summary>
    /// <returns>Null and the reason when the message is not a JSON object with valid field types.</returns>
    public static ClientRequest? TryParse(ReadOnlyMemory<byte> utf8, out string? error)
    {
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 8 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "message must be a JSON object";
                return null;
            }

            var request = new ClientRequest();
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "op": request.Op = Text(property.Value); break;
                    case "channel": request.Channel = Text(property.Value); break;
                    case "venue": request.Venue = Text(property.Value); break;
                    case "symbol": request.Symbol = Text(property.Value); break;
                    case "instrument": request.Instrument = Text(property.Value); break;
                    case "interval": request.Interval = Text(property.Value); break;
                    case "depth":
                        if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var depth))
                        {
                            request.Depth = depth;
                        }
                        else if (property.Value.ValueKind != JsonValueKind.Null)
                        {
                            request.DepthInvalid = true;
                        }

                        break;
                    case "id":
                        if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
                        {
                            error = "'id' must be a string or a number";
                            return null;
                        }

                        request.Id = property.Value.Clone();
                        break;
                }
            }

            return request;
        }
        catch (JsonException)
        {
            error = "message is not valid JSON";
            return null;
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
