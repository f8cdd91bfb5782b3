using System.Text.Json;

namespace OrleansFeed.Core.Books;

/// <summary>How a venue update id is shown: an id the venue never sent is absent (null), never a sentinel number.</summary>
public static class UpdateIds
{
    /// <summary>The in-memory value of "no update id" (e.g. 2021-2022 OKX frames carry no <c>seqId</c>).</summary>
    public const long None = long.MinValue;

    /// <summary>The id to show: null when the venue sent none.</summary>
    /// <param name="id">A book synchronizer's last update id.</param>
    /// <returns>The id, or null for <see cref="None"/>.</returns>
    public static long? OrNull(long id) => id == None ? null : id;

    /// <summary>Writes the id as a JSON number, or null when the venue sent none.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">Property name.</param>
    /// <param name="id">The id.</param>
    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, long id)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (id == None)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteNumber(name, id);
        }
    }

    /// <summary>Reads an id written by <see cref="Write"/>: <see cref="None"/> for null.</summary>
    /// <param name="value">The JSON value.</param>
    /// <returns>The id.</returns>
    /// <exception cref="InvalidOperationException">The value is neither a number nor null.</exception>
    public static long Read(JsonElement value) => value.ValueKind == JsonValueKind.Null ? None : value.GetInt64();
}
