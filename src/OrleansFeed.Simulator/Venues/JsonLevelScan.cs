using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansFeed.Simulator.Venues;

/// <summary>
/// Finds the size token of one price level in a recorded book diff, for <c>CorruptNextDiff</c>. Levels are arrays
/// inside an array property (<c>"b":[["p","q"]]</c>, Coinbase <c>"changes":[["buy","p","q"]]</c>).
/// </summary>
/// <remarks>Fault injection only: allocates freely.</remarks>
internal static class JsonLevelScan
{
    /// <summary>One level found: side, price, and where its size value's text starts and how long it is.</summary>
    internal readonly record struct Level(bool Ask, decimal Price, string PriceText, int SizeStart, int SizeLength);

    /// <summary>Levels under the given array properties.</summary>
    /// <param name="json">The frame.</param>
    /// <param name="askProperties">Property names holding ask levels.</param>
    /// <param name="bidProperties">Property names holding bid levels.</param>
    /// <param name="priceIndex">Index of the price inside a level array.</param>
    /// <param name="sizeIndex">Index of the size inside a level array.</param>
    /// <param name="sideIndex">Index of a <c>buy</c>/<c>sell</c> side element (Coinbase), or -1.</param>
    public static List<Level> Find(ReadOnlySpan<byte> json, string[] askProperties, string[] bidProperties, int priceIndex, int sizeIndex, int sideIndex = -1)
    {
        var levels = new List<Level>();
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var name = reader.GetString()!;
                var ask = askProperties.Contains(name);
                if (!ask && !bidProperties.Contains(name))
                {
                    continue;
                }

                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    continue;
                }

                ReadLevels(ref reader, ask, priceIndex, sizeIndex, sideIndex, levels);
            }
        }
        catch (JsonException)
        {
            // A malformed frame simply has no corruptible level.
        }

        return levels;
    }

    /// <summary>The best-priced level of the first side found (lowest ask or highest bid): when any level of that side of
    /// the diff lies within a checksum's top-N, this one does too.</summary>
    public static Level? Best(List<Level> levels)
    {
        if (levels.Count == 0)
        {
            return null;
        }

        var ask = levels[0].Ask;
        var side = levels.Where(l => l.Ask == ask);
        return ask ? side.MinBy(l => l.Price) : side.MaxBy(l => l.Price);
    }

    /// <summary>The index of the last ASCII digit of a value, or -1.</summary>
    public static int LastDigit(ReadOnlySpan<byte> json, int start, int length)
    {
        for (var i = start + length - 1; i >= start; i--)
        {
            if (json[i] is >= (byte)'0' and <= (byte)'9')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The value of the first property named <paramref name="name"/> as a long (string or number), if any.</summary>
    public static bool TryReadLong(ReadOnlySpan<byte> json, string name, out long value)
    {
        value = 0;
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name) && reader.Read())
                {
                    var text = Encoding.UTF8.GetString(reader.ValueSpan);
                    return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
                }
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    /// <summary>Start and length of the value text of a string or number token the reader is on (quotes excluded).</summary>
    public static (int Start, int Length) ValueRange(in Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length)
            : ((int)reader.TokenStartIndex, reader.ValueSpan.Length);

    private static void ReadLevels(ref Utf8JsonReader reader, bool ask, int priceIndex, int sizeIndex, int sideIndex, List<Level> levels)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            var index = 0;
            string? price = null;
            var size = (Start: -1, Length: 0);
            var levelAsk = ask;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                {
                    reader.Skip();
                }
                else if (index == priceIndex)
                {
                    price = Encoding.UTF8.GetString(reader.ValueSpan);
                }
                else if (index == sizeIndex)
                {
                    size = ValueRange(reader);
                }
                else if (index == sideIndex)
                {
                    levelAsk = reader.ValueTextEquals("sell"u8);
                }

                index++;
            }

            if (price is not null && size.Start >= 0 && decimal.TryParse(price, NumberStyles.Float, CultureInfo.InvariantCulture, out var p))
            {
                levels.Add(new Level(levelAsk, p, price, size.Start, size.Length));
            }
        }
    }
}
