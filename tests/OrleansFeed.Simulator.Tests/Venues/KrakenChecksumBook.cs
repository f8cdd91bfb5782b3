using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansFeed.Exchanges.Common.Checksums;

namespace OrleansFeed.Simulator.Tests.Venues;

/// <summary>
/// A minimal independent Kraken v1 book (exchange-protocols.md §4 "v1 differences"): snapshot <c>as</c>/<c>bs</c>,
/// updates <c>a</c>/<c>b</c> applied in order, volume 0 deletes, CRC32 over the top 10 asks then bids with '.' and
/// leading zeros removed.
/// </summary>
internal static class KrakenChecksumBook
{
    /// <summary>Index of the first book frame whose <c>c</c> does not match the rebuilt book, or -1.</summary>
    public static int FirstMismatch(IReadOnlyList<string> frames)
    {
        var asks = new SortedDictionary<decimal, (string P, string V)>();
        var bids = new SortedDictionary<decimal, (string P, string V)>(Comparer<decimal>.Create((x, y) => y.CompareTo(x)));
        for (var i = 0; i < frames.Count; i++)
        {
            using var doc = JsonDocument.Parse(frames[i]);
            string? checksum = null;
            foreach (var part in doc.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
            {
                foreach (var property in part.EnumerateObject())
                {
                    switch (property.Name)
                    {
                        case "as" or "a":
                            Apply(asks, property.Value);
                            break;
                        case "bs" or "b":
                            Apply(bids, property.Value);
                            break;
                        case "c":
                            checksum = property.Value.GetString();
                            break;
                    }
                }
            }

            if (checksum is not null && Compute(asks, bids).ToString(CultureInfo.InvariantCulture) != checksum)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Apply(SortedDictionary<decimal, (string P, string V)> side, JsonElement levels)
    {
        foreach (var level in levels.EnumerateArray())
        {
            var price = level[0].GetString()!;
            var volume = level[1].GetString()!;
            var key = decimal.Parse(price, CultureInfo.InvariantCulture);
            if (decimal.Parse(volume, CultureInfo.InvariantCulture) == 0)
            {
                side.Remove(key);
            }
            else
            {
                side[key] = (price, volume);
            }
        }
    }

    private static uint Compute(SortedDictionary<decimal, (string P, string V)> asks, SortedDictionary<decimal, (string P, string V)> bids)
    {
        var text = new StringBuilder();
        foreach (var (p, v) in asks.Values.Take(10).Concat(bids.Values.Take(10)))
        {
            text.Append(Strip(p)).Append(Strip(v));
        }

        return Crc32.Compute(Encoding.ASCII.GetBytes(text.ToString()));
    }

    private static string Strip(string value) => value.Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0');
}
