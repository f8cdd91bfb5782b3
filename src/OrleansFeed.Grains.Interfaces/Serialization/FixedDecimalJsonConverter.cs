using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Grains.Serialization;

/// <summary>
/// Writes a <see cref="FixedDecimal"/> as its exact decimal text (<c>"65000.10"</c>: trailing zeros and scale kept)
/// and reads it back with <see cref="FixedDecimal.TryParse(ReadOnlySpan{byte}, out FixedDecimal)"/>; never through double.
/// </summary>
public sealed class FixedDecimalJsonConverter : JsonConverter<FixedDecimal>
{
    /// <inheritdoc />
    /// <exception cref="JsonException">The token is not a string holding a decimal number.</exception>
    public override FixedDecimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || !FixedDecimal.TryParse(reader.ValueSpan, out var value))
        {
            throw new JsonException("Expected a decimal number as a JSON string.");
        }

        return value;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FixedDecimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[48];
        value.TryFormat(text, out var written);
        writer.WriteStringValue(text[..written]);
    }
}
