using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace OrleansFeed.Exchanges.Tests.Reference;

/// <summary>
/// An independent, deliberately simple rebuild of KuCoin level-2 books from a recording, written from the
/// calibration text in exchange-protocols.md §3 with JsonDocument and SortedDictionary — no production code.
/// </summary>
public static class ReferenceKuCoinBooks
{
    public sealed class Book
    {
        public SortedDictionary<decimal, string> Bids { get; } = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));

        public SortedDictionary<decimal, string> Asks { get; } = new();

        public long Sequence { get; set; }

        public bool Synced { get; set; }

        public int Applied { get; set; }

        public int Gaps { get; set; }
    }

    /// <summary>Builds every symbol's book (symbols with a REST snapshot) from the files of one session.</summary>
    public static Dictionary<string, Book> Build(IEnumerable<string> files)
    {
        var lines = new List<(decimal Time, int Order, string Url, string Json)>();
        var order = 0;
        foreach (var file in files)
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line.Length > 0 && char.IsDigit(line[0]))
                {
                    var colon = line.IndexOf(": ", StringComparison.Ordinal);
                    lines.Add((decimal.Parse(line[..colon], CultureInfo.InvariantCulture), order++, "", line[(colon + 2)..]));
                }
                else if (line.Contains(" -> ", StringComparison.Ordinal))
                {
                    var arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
                    var colon = line.IndexOf(": ", arrow, StringComparison.Ordinal);
                    lines.Add((decimal.Parse(line[(arrow + 4)..colon], CultureInfo.InvariantCulture), order++, line[..arrow], line[(colon + 2)..]));
                }
            }
        }

        lines.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));

        var diffs = new Dictionary<string, List<JsonElement>>();
        var snapshots = new Dictionary<string, JsonElement>();
        foreach (var (_, _, url, json) in lines)
        {
            using var doc = JsonDocument.Parse(json);
            if (url.Length > 0)
            {
                var symbol = url[(url.IndexOf("symbol=", StringComparison.Ordinal) + 7)..].Split('&')[0];
                snapshots[symbol] = doc.RootElement.GetProperty("data").Clone();
                continue;
            }

            if (!doc.RootElement.TryGetProperty("subject", out var subject) || subject.GetString() != "trade.l2update")
            {
                continue;
            }

            var data = doc.RootElement.GetProperty("data");
            var s = data.GetProperty("symbol").GetString()!;
            if (!diffs.TryGetValue(s, out var list))
            {
                diffs[s] = list = [];
            }

            list.Add(data.Clone());
        }

        var books = new Dictionary<string, Book>();
        foreach (var (symbol, snapshot) in snapshots)
        {
            var book = new Book { Sequence = long.Parse(snapshot.GetProperty("sequence").GetString()!, CultureInfo.InvariantCulture) };
            foreach (var level in snapshot.GetProperty("bids").EnumerateArray())
            {
                Set(book.Bids, level[0].GetString()!, level[1].GetString()!);
            }

            foreach (var level in snapshot.GetProperty("asks").EnumerateArray())
            {
                Set(book.Asks, level[0].GetString()!, level[1].GetString()!);
            }

            foreach (var diff in diffs.GetValueOrDefault(symbol) ?? [])
            {
                var start = diff.GetProperty("sequenceStart").GetInt64();
                var end = diff.GetProperty("sequenceEnd").GetInt64();
                if (end <= book.Sequence)
                {
                    continue;
                }

                if (start > book.Sequence + 1)
                {
                    // Before sync: the snapshot is too new for this diff's predecessor; after sync: a gap.
                    book.Gaps += book.Synced ? 1 : 0;
                    continue;
                }

                book.Synced = true;
                Apply(book, book.Bids, diff.GetProperty("changes").GetProperty("bids"));
                Apply(book, book.Asks, diff.GetProperty("changes").GetProperty("asks"));
                book.Sequence = end;
                book.Applied++;
            }

            books[symbol] = book;
        }

        return books;
    }

    private static void Apply(Book book, SortedDictionary<decimal, string> side, JsonElement changes)
    {
        foreach (var change in changes.EnumerateArray())
        {
            var sequence = long.Parse(change[2].GetString()!, CultureInfo.InvariantCulture);
            if (sequence <= book.Sequence || change[0].GetString() == "0")
            {
                continue;
            }

            Set(side, change[0].GetString()!, change[1].GetString()!);
        }
    }

    private static void Set(SortedDictionary<decimal, string> side, string priceText, string size)
    {
        var price = decimal.Parse(priceText, CultureInfo.InvariantCulture);
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
