using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts;

/// <summary>One price level of a ticker.</summary>
/// <param name="Price">Price in quote currency, decimal string.</param>
/// <param name="Size">Size in base units, decimal string.</param>
public sealed record LevelDto(
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("size")] string Size);
