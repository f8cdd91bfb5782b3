using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace OrleansFeed.Exchanges.Tests.Reference;

/// <summary>
/// An independent, deliberately simple rebuild of Kraken v1 books from a recording, written from the venue docs
/// (shared/docs/exchange-protocols.md §4) with JsonDocument, decimal and SortedDictionary — no production code —
/// including its own depth truncation and its own bit-by-bit CRC-32 of the top 10, so replay results can be
/// checked level for level and checksum for checksum.
/// </summary>
public static class ReferenceKrakenBooks
{
    public sealed class Book
    {
        /// <summary>Bids best (highest) first: price → (price text, size text).</summary>
        public SortedDictionary<decimal, (string Price, string Size)> Bids { get; } = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));

        /// <summary>Asks best (lowest) first.</summary>
        public SortedDictionary<decimal, (string Price, string Size)> Asks { get; } = new();

        public int Depth { get; set; }

        public int Snapshots { get; set; }

        public int ChecksumsMatched { get; set; }

        public int ChecksumsFailed { get; set; }
    }

    public sealed class Result
    {
        public Dictionary<string, Book> Books { get; } = [];

        /// <summary>Trades per pair: (price, size, time text, side b/s).</summary>
        public Dictionary<string, List<(string Price, string Size, string Time, string Side)>> Trades { get; } = [];

        /// <summary>Pairs that sent a ticker.</summary>
        public HashSet<string> Tickers { get; } = [];
    }

    /// <summary>Rebuilds every pair's book (and collects trades and tickers) from one recording file.</summary>
    public static Result Build(string file)
    {
        var result = new Result();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || !char.IsDigit(line[0]))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var n = root.GetArrayLength();
            var channel = root[n - 2].GetString()!;
            var pair = root[n - 1].GetString()!;
            if (channel.StartsWith("book-", StringComparison.Ordinal))
            {
                ApplyBookFrame(result, root, n, int.Parse(channel[5..], CultureInfo.InvariantCulture), pair);
            }
            else if (channel == "trade")
            {
                if (!result.Trades.TryGetValue(pair, out var list))
                {
                    result.Trades[pair] = list = [];
                }

                foreach (var t in root[1].EnumerateArray())
                {
                    list.Add((t[0].GetString()!, t[1].GetString()!, t[2].GetString()!, t[3].GetString()!));
                }
            }
            else if (channel == "ticker")
            {
                result.Tickers.Add(pair);
            }
        }

        return result;
    }

    private static void ApplyBookFrame(Result result, JsonElement root, int n, int depth, string pair)
    {
        if (!result.Books.TryGetValue(pair, out var book))
        {
            result.Books[pair] = book = new Book();
        }

        book.Depth = depth;
        string? checksum = null;
        for (var i = 1; i < n - 2; i++)
        {
            foreach (var property in root[i].EnumerateObject())
            {
                switch (property.Name)
                {
                    case "as":
                    case "bs":
                        if (property.Name == "as")
                        {
                            book.Bids.Clear();
                            book.Asks.Clear();
                            book.Snapshots++;
                        }

                        Apply(property.Name == "as" ? book.Asks : book.Bids, property.Value);
                        break;
                    case "a":
                        Apply(book.Asks, property.Value);
                        break;
                    case "b":
                        Apply(book.Bids, property.Value);
                        break;
                    case "c":
                        checksum = property.Value.GetString();
                        break;
                }
            }
        }

        Truncate(book.Asks, depth);
        Truncate(book.Bids, depth);
        if (checksum is not null)
        {
            if (Crc32(ChecksumText(book)).ToString(CultureInfo.InvariantCulture) == checksum)
            {
                book.ChecksumsMatched++;
            }
            else
            {
                book.ChecksumsFailed++;
            }
        }
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

    private static void Truncate(SortedDictionary<decimal, (string Price, string Size)> side, int depth)
    {
        while (side.Count > depth)
        {
            side.Remove(side.Keys.Last());
        }
    }

    private static string ChecksumText(Book book)
    {
        var text = new StringBuilder();
        foreach (var side in new[] { book.Asks, book.Bids })
        {
            foreach (var (price, size) in side.Values.Take(10))
            {
                text.Append(price.Replace(".", "", StringComparison.Ordinal).TrimStart('0'));
                text.Append(size.Replace(".", "", StringComparison.Ordinal).TrimStart('0'));
            }
        }

        return text.ToString();
    }

    /// <summary>Bit-by-bit CRC-32 (reflected 0xEDB88320), deliberately not the production table-driven one.</summary>
    private static uint Crc32(string text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
