using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace OrleansFeed.Exchanges.Tests.Reference;

/// <summary>
/// An independent, deliberately simple rebuild of Binance books from a recording, written from the venue
/// docs with JsonDocument and SortedDictionary — no production code — so replay results can be checked
/// against it level for level.
/// </summary>
public static class ReferenceBinanceBooks
{
    public sealed class Book
    {
        public SortedDictionary<decimal, string> Bids { get; } = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));

        public SortedDictionary<decimal, string> Asks { get; } = new();

        public long LastUpdateId { get; set; }

        public bool Synced { get; set; }
    }

    /// <summary>Builds every symbol's book from the files of one session.</summary>
    public static Dictionary<string, Book> Build(IEnumerable<string> files, bool futures)
    {
        var lines = new List<(decimal Time, int Order, string Kind, string Url, string Json)>();
        var order = 0;
        foreach (var file in files)
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                if (char.IsDigit(line[0]))
                {
                    var colon = line.IndexOf(": ", StringComparison.Ordinal);
                    lines.Add((decimal.Parse(line[..colon], CultureInfo.InvariantCulture), order++, "ws", "", line[(colon + 2)..]));
                }
                else if (line.Contains(" -> ", StringComparison.Ordinal))
                {
                    var arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
                    var colon = line.IndexOf(": ", arrow, StringComparison.Ordinal);
                    lines.Add((decimal.Parse(line[(arrow + 4)..colon], CultureInfo.InvariantCulture), order++, "rest", line[..arrow], line[(colon + 2)..]));
                }
            }
        }

        lines.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));

        // Per symbol: every diff in order, and the snapshot.
        var diffs = new Dictionary<string, List<JsonElement>>();
        var snapshots = new Dictionary<string, JsonElement>();
        foreach (var (_, _, kind, url, json) in lines)
        {
            using var doc = JsonDocument.Parse(json);
            if (kind == "rest")
            {
                var symbol = url[(url.IndexOf("symbol=", StringComparison.Ordinal) + 7)..].Split('&')[0];
                snapshots[symbol] = doc.RootElement.Clone();
                continue;
            }

            if (!doc.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty("e", out var e) || e.GetString() != "depthUpdate")
            {
                continue;
            }

            var s = data.GetProperty("s").GetString()!;
            if (!diffs.TryGetValue(s, out var list))
            {
                diffs[s] = list = [];
            }

            list.Add(data.Clone());
        }

        var books = new Dictionary<string, Book>();
        foreach (var (symbol, snapshot) in snapshots)
        {
            var book = new Book();
            var last = snapshot.GetProperty("lastUpdateId").GetInt64();
            foreach (var level in snapshot.GetProperty("bids").EnumerateArray())
            {
                Set(book.Bids, level);
            }

            foreach (var level in snapshot.GetProperty("asks").EnumerateArray())
            {
                Set(book.Asks, level);
            }

            book.LastUpdateId = last;
            foreach (var diff in diffs.GetValueOrDefault(symbol) ?? [])
            {
                var first = diff.GetProperty("U").GetInt64();
                var final = diff.GetProperty("u").GetInt64();
                if (!book.Synced)
                {
                    var bridges = futures ? first <= last && final >= last : first <= last + 1 && final >= last + 1;
                    if (!bridges)
                    {
                        continue;
                    }

                    book.Synced = true;
                }

                foreach (var level in diff.GetProperty("b").EnumerateArray())
                {
                    Set(book.Bids, level);
                }

                foreach (var level in diff.GetProperty("a").EnumerateArray())
                {
                    Set(book.Asks, level);
                }

                book.LastUpdateId = final;
            }

            books[symbol] = book;
        }

        return books;
    }

    private static void Set(SortedDictionary<decimal, string> side, JsonElement level)
    {
        var price = decimal.Parse(level[0].GetString()!, CultureInfo.InvariantCulture);
        var size = level[1].GetString()!;
        if (decimal.Parse(size, CultureInfo.InvariantCulture) == 0m)
        {
            side.Remove(price);
        }
        else
        {
            side[price] = size;
        }
    }
}
