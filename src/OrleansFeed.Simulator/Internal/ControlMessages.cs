using System.Buffers;
using System.Text.Json;

namespace OrleansFeed.Simulator.Internal;

/// <summary>
/// Answers Binance's live control requests (shared/docs/exchange-protocols.md §1 "Live subscribe"):
/// <c>{"method":"SUBSCRIBE"|"UNSUBSCRIBE"|"LIST_SUBSCRIPTIONS","params":[…],"id":…}</c> → <c>{"result":…,"id":…}</c>.
/// </summary>
/// <remarks>Control messages are rare, so this path uses <see cref="JsonDocument"/> and allocates freely.</remarks>
internal static class ControlMessages
{
    public static byte[] Handle(ReadOnlySpan<byte> message, SimulatorClient client, out bool subscribed)
    {
        subscribed = false;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message.ToArray());
        }
        catch (JsonException)
        {
            return Error(3, "Invalid JSON: malformed control message", default);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
            {
                return Error(3, "Invalid request: 'method' missing", default);
            }

            root.TryGetProperty("id", out var id);
            var streams = root.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Array
                ? parameters.EnumerateArray().Where(static p => p.ValueKind == JsonValueKind.String).Select(static p => p.GetString()!).ToArray()
                : [];
            switch (method.GetString())
            {
                case "SUBSCRIBE":
                    client.Subscribe(streams, add: true);
                    subscribed = true;
                    return Result(id, null);
                case "UNSUBSCRIBE":
                    client.Subscribe(streams, add: false);
                    return Result(id, null);
                case "LIST_SUBSCRIPTIONS":
                    return Result(id, client.Streams.Order(StringComparer.Ordinal).ToArray());
                case "SET_PROPERTY":
                    return Result(id, null);
                default:
                    return Error(2, "Invalid request: unknown method", id);
            }
        }
    }

    private static byte[] Result(JsonElement id, string[]? result)
    {
        var output = new ArrayBufferWriter<byte>(64);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            if (result is null)
            {
                json.WriteNull("result"u8);
            }
            else
            {
                json.WriteStartArray("result"u8);
                foreach (var stream in result)
                {
                    json.WriteStringValue(stream);
                }

                json.WriteEndArray();
            }

            WriteId(json, id);
            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private static byte[] Error(int code, string message, JsonElement id)
    {
        var output = new ArrayBufferWriter<byte>(64);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteNumber("code"u8, code);
            json.WriteString("msg"u8, message);
            WriteId(json, id);
            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteId(Utf8JsonWriter json, JsonElement id)
    {
        json.WritePropertyName("id"u8);
        if (id.ValueKind is JsonValueKind.Undefined)
        {
            json.WriteNullValue();
        }
        else
        {
            id.WriteTo(json);
        }
    }
}
