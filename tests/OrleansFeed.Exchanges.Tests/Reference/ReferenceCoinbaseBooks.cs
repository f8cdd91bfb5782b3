using System.IO.Compression;
using System.Globalization;
using System.Text.Json;

namespace OrleansFeed.Exchanges.Tests.Reference;

/// <summary>
/// An independent, deliberately simple rebuild of Coinbase Exchange level2 books from a recording, written from the
/// venue docs with JsonDocument and SortedDictionary (decimal prices) — no production code — so replay results can be
/// checked level for level: <c>snapshot</c> replaces the product's book, each <c>l2update</c> change sets the size (0 removes).
/// </summary>
public static class ReferenceCoinbaseBooks
{
    public sealed class Book
    {
        public SortedDictionary<decimal, string> Bids { get; } = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));

        public SortedDictionary<decimal, string> Asks { get; } = new();

        public int Updates { get; set; }
    }

    public sealed class Result
    {
        public Dictionary<string, Book> Books { get; } = [];

        /// <summary>WebSocket frames received.</summary>
        public int Frames { get; set; }

        /// <summary><c>subscriptions</c> and <c>heartbeat</c> frames.</summary>
        public int ControlFrames { get; set; }

        /// <summary><c>match</c> and <c>last_match</c> frames.</summary>
        public int Trades { get; set; }

        /// <summary>Products with at least one <c>ticker</c> frame.</summary>
        public HashSet<string> TickerProducts { get; } = [];
    }

    /// <summary>Builds every product's book from the WebSocket frames of the files (in file order).</summary>
    public static Result Build(IEnumerable<string> files)
    {
        var result = new Result();
        var books = result.Books;
        foreach (var file in files)
        {
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
                var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
                result.Frames++;
                if (type is "subscriptions" or "heartbeat")
                {
                    result.ControlFrames++;
                }
                else if (type is "match" or "last_match")
                {
                    result.Trades++;
                }
                else if (type == "ticker")
                {
                    result.TickerProducts.Add(root.GetProperty("product_id").GetString()!);
                }
                else if (type == "snapshot")
                {
                    var book = books[root.GetProperty("product_id").GetString()!] = new Book();
                    foreach (var level in root.GetProperty("bids").EnumerateArray())
                    {
                        Set(book.Bids, level[0].GetString()!, level[1].GetString()!);
                    }

                    foreach (var level in root.GetProperty("asks").EnumerateArray())
                    {
                        Set(book.Asks, level[0].GetString()!, level[1].GetString()!);
                    }
                }
                else if (type == "l2update" && books.TryGetValue(root.GetProperty("product_id").GetString()!, out var book))
                {
                    foreach (var change in root.GetProperty("changes").EnumerateArray())
                    {
                        Set(change[0].GetString() == "buy" ? book.Bids : book.Asks, change[1].GetString()!, change[2].GetString()!);
                    }

                    book.Updates++;
                }
            }
        }

        return result;
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
