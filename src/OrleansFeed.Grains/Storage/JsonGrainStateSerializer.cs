using System.Text.Json;
using Orleans.Storage;
using OrleansFeed.Grains.Serialization;

namespace OrleansFeed.Grains.Storage;

/// <summary>
/// Grain state as System.Text.Json (exact decimal text for <c>FixedDecimal</c>): the aggregator's trade buckets and
/// candles and the books' incarnation records are plain records of Core state types, readable in storage and
/// independent of Orleans' binary format.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, FeedSerialization.JsonOptions));

    /// <inheritdoc />
    /// <exception cref="JsonException">The stored bytes are not a <typeparamref name="T"/>.</exception>
    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, FeedSerialization.JsonOptions);
    }
}
