using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansFeed.Exchanges.Tests.Reference;

/// <summary>
/// An independent, deliberately simple rebuild of OKX books from a recording, written from the venue docs with
/// JsonDocument, SortedDictionary and a bit-by-bit CRC-32 — no production code — so replay results can be checked
/// against it level for level and checksum for checksum.
/// </summary>
public static class ReferenceOkxBooks
{
    public sealed class Book
    {
        public SortedDictionary<decimal, (string Price, string Size)> Bids { get; } = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));

        public SortedDictionary<decimal, (string Price, string Size)> Asks { get; } = new();

        public int Snapshots { get; set; }

        public int NonZeroChecksums { get; set; }

        public int ChecksumMatches { get; set; }
    }

    public sealed class Result
    {
        public Dictionary<string, Book> Books { get; } = new(StringComparer.Ordinal);

        public int Trades { get; set; }

        public Dictionary<string, int> TradesBySymbol { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Builds every instrument's book (400 levels per side kept) from one recording.</summary>
    public static Result Build(string file)
    {
        var result = new Result();
        foreach (var json in ReferenceCaptureLines.ReceivedFrames(file))
        {
            if (json == "pong")
            {
                continue;
            }

            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (!root.TryGetProperty("arg", out var arg) || !root.TryGetProperty("data", out var data))
            {
                continue;
            }

            var channel = arg.GetProperty("channel").GetString();
            var instId = arg.GetProperty("instId").GetString()!;
            if (channel == "trades")
            {
                result.Trades += data.GetArrayLength();
                result.TradesBySymbol[instId] = result.TradesBySymbol.GetValueOrDefault(instId) + data.GetArrayLength();
                continue;
            }

            if (channel is not ("books" or "books-l2-tbt" or "books50-l2-tbt"))
            {
                continue;
            }

            var entry = data[0];
            if (root.GetProperty("action").GetString() == "snapshot")
            {
                // Counts run over the whole recording, like the sync counters; the levels start afresh.
                var old = result.Books.GetValueOrDefault(instId);
                result.Books[instId] = new Book
                {
                    Snapshots = (old?.Snapshots ?? 0) + 1,
                    NonZeroChecksums = old?.NonZeroChecksums ?? 0,
                    ChecksumMatches = old?.ChecksumMatches ?? 0,
                };
            }

            var book = result.Books[instId];
            Apply(book.Bids, entry.GetProperty("bids"));
            Apply(book.Asks, entry.GetProperty("asks"));
            Trim(book.Bids, 400);
            Trim(book.Asks, 400);
            var expected = entry.GetProperty("checksum").GetInt32();
            if (expected != 0)
            {
                book.NonZeroChecksums++;
                if (Checksum(book) == expected)
                {
                    book.ChecksumMatches++;
                }
            }
        }

        return result;
    }

    /// <summary>The documented signed CRC-32 of the best 25 levels, bid:ask interleaved.</summary>
    public static int Checksum(Book book)
    {
        var bids = book.Bids.Values.Take(25).ToList();
        var asks = book.Asks.Values.Take(25).ToList();
        var parts = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            if (i < bids.Count)
            {
                parts.Add(bids[i].Price);
                parts.Add(bids[i].Size);
            }

            if (i < asks.Count)
            {
                parts.Add(asks[i].Price);
                parts.Add(asks[i].Size);
            }
        }

        return unchecked((int)BitwiseCrc32(Encoding.ASCII.GetBytes(string.Join(':', parts))));
    }

    /// <summary>CRC-32 (IEEE, reflected 0xEDB88320) computed one bit at a time: a second implementation for cross-checks.</summary>
    public static uint BitwiseCrc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void Apply(SortedDictionary<decimal, (string Price, string Size)> side, JsonElement levels)
    {
        foreach (var level in levels.EnumerateArray())
        {
            var priceText = level[0].GetString()!;
            var sizeText = level[1].GetString()!;
            var price = decimal.Parse(priceText, CultureInfo.InvariantCulture);
            if (decimal.Parse(sizeText, CultureInfo.InvariantCulture) == 0m)
            {
                side.Remove(price);
            }
            else
            {
                side[price] = (priceText, sizeText);
            }
        }
    }

    private static void Trim(SortedDictionary<decimal, (string Price, string Size)> side, int depth)
    {
        while (side.Count > depth)
        {
            side.Remove(side.Keys.Last());
        }
    }
}
