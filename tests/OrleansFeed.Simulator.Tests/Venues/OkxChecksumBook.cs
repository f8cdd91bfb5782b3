using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansFeed.Exchanges.Common.Checksums;

namespace OrleansFeed.Simulator.Tests.Venues;

/// <summary>
/// A minimal independent OKX book (exchange-protocols.md §6 "Checksum"): snapshot then updates by price, size 0
/// deletes; CRC32 (signed) over up to 25 levels interleaved <c>bid:ask</c> as <c>price:size</c> texts joined by ':'.
/// </summary>
internal static class OkxChecksumBook
{
    /// <summary>Index of the first book frame whose <c>checksum</c> does not match the rebuilt book, or -1.</summary>
    public static int FirstMismatch(IReadOnlyList<string> frames)
    {
        var asks = new SortedDictionary<decimal, (string P, string S)>();
        var bids = new SortedDictionary<decimal, (string P, string S)>(Comparer<decimal>.Create((x, y) => y.CompareTo(x)));
        for (var i = 0; i < frames.Count; i++)
        {
            using var doc = JsonDocument.Parse(frames[i]);
            var data = doc.RootElement.GetProperty("data")[0];
            if (doc.RootElement.GetProperty("action").GetString() == "snapshot")
            {
                asks.Clear();
                bids.Clear();
            }

            Apply(asks, data.GetProperty("asks"));
            Apply(bids, data.GetProperty("bids"));
            if (Compute(asks, bids) != data.GetProperty("checksum").GetInt32())
            {
                return i;
            }
        }

        return -1;
    }

    private static void Apply(SortedDictionary<decimal, (string P, string S)> side, JsonElement levels)
    {
        foreach (var level in levels.EnumerateArray())
        {
            var price = level[0].GetString()!;
            var size = level[1].GetString()!;
            var key = decimal.Parse(price, CultureInfo.InvariantCulture);
            if (decimal.Parse(size, CultureInfo.InvariantCulture) == 0)
            {
                side.Remove(key);
            }
            else
            {
                side[key] = (price, size);
            }
        }
    }

    private static int Compute(SortedDictionary<decimal, (string P, string S)> asks, SortedDictionary<decimal, (string P, string S)> bids)
    {
        var a = asks.Values.Take(25).ToList();
        var b = bids.Values.Take(25).ToList();
        var parts = new List<string>();
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            if (i < b.Count)
            {
                parts.Add(b[i].P + ":" + b[i].S);
            }

            if (i < a.Count)
            {
                parts.Add(a[i].P + ":" + a[i].S);
            }
        }

        return unchecked((int)Crc32.Compute(Encoding.ASCII.GetBytes(string.Join(':', parts))));
    }
}
