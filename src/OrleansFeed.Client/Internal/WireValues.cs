using System.Globalization;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;

namespace OrleansFeed.Client.Internal;

/// <summary>Reads the bridge's value formats: decimal strings, ISO-8601 UTC µs times, side words.</summary>
internal static class WireValues
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static FixedDecimal Decimal(JsonElement e) =>
        e.ValueKind == JsonValueKind.String && FixedDecimal.TryParse(e.GetString().AsSpan(), out var value)
            ? value
            : throw new FormatException($"Not a decimal string: {e}");

    public static Timestamp Time(JsonElement e) =>
        e.ValueKind == JsonValueKind.String
            ? Timestamp.FromDateTimeOffset(DateTimeOffset.ParseExact(e.GetString()!, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal))
            : Timestamp.None;

    public static Timestamp Time(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var e) ? Time(e) : Timestamp.None;

    public static AggressorSide Side(string? text) => text switch
    {
        "buy" => AggressorSide.Buy,
        "sell" => AggressorSide.Sell,
        _ => AggressorSide.Unknown,
    };

    public static BookLevel[] Levels(JsonElement array)
    {
        var result = new BookLevel[array.GetArrayLength()];
        var i = 0;
        foreach (var level in array.EnumerateArray())
        {
            result[i++] = new BookLevel(Decimal(level[0]), Decimal(level[1]));
        }

        return result;
    }

    public static Trade Trade(JsonElement t) => new(
        t.GetProperty("id").GetInt64(),
        Decimal(t.GetProperty("price")),
        Decimal(t.GetProperty("size")),
        Side(t.GetProperty("side").GetString()),
        Time(t, "exchangeTime"),
        Time(t, "receiveTime"));
}
