using System.Globalization;
using System.Text.Json;

namespace OrleansFeed.Exchanges.Tests.Reference;

/// <summary>
/// An independent, deliberately simple rebuild of Bybit books (v5 <c>orderbook.N</c> and retired v2
/// <c>orderBookL2_25</c>) from a recording, written from the venue docs with JsonDocument and SortedDictionary — no
/// production code.
/// </summary>
public static class ReferenceBybitBooks
{
    public sealed class Book
    {
        public SortedDictionary<decimal, string> Bids { get; } = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));

        public SortedDictionary<decimal, string> Asks { get; } = new();

        public int Snapshots { get; set; }

        public int Deltas { get; set; }

        public long LastId { get; set; }
    }

    public sealed class Result
    {
        public Dictionary<string, Book> Books { get; } = new(StringComparer.Ordinal);

        public int Trades { get; set; }
    }

    /// <summary>Builds every symbol's book from one recording.</summary>
    public static Result Build(string file)
    {
        var result = new Result();
        foreach (var json in ReferenceCaptureLines.ReceivedFrames(file))
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (!root.TryGetProperty("topic", out var topicElement))
            {
                continue;
            }

            var topic = topicElement.GetString()!;
            var parts = topic.Split('.');
            var symbol = parts[^1];
            var data = root.GetProperty("data");
            if (parts[0] is "publicTrade" or "trade")
            {
                result.Trades += data.EnumerateArray().Count(t => !(t.TryGetProperty("BT", out var bt) && bt.GetBoolean()));
                continue;
            }

            var snapshot = root.GetProperty("type").GetString() == "snapshot";
            if (parts[0] == "orderbook")
            {
                var book = Next(result, symbol, snapshot);
                ApplyV5(book.Bids, data.GetProperty("b"));
                ApplyV5(book.Asks, data.GetProperty("a"));
                var depth = int.Parse(parts[1], CultureInfo.InvariantCulture);
                Trim(book.Bids, depth);
                Trim(book.Asks, depth);
                book.LastId = data.GetProperty("u").GetInt64();
            }
            else if (parts[0] == "orderBookL2_25")
            {
                var book = Next(result, symbol, snapshot);
                if (snapshot)
                {
                    var levels = data.ValueKind == JsonValueKind.Array ? data : data.GetProperty("order_book");
                    ApplyV2(book, levels, delete: false);
                }
                else
                {
                    ApplyV2(book, data.GetProperty("delete"), delete: true);
                    ApplyV2(book, data.GetProperty("update"), delete: false);
                    ApplyV2(book, data.GetProperty("insert"), delete: false);
                }

                book.LastId = long.Parse(root.GetProperty("cross_seq").GetString()!, CultureInfo.InvariantCulture);
            }
        }

        return result;
    }

    private static Book Next(Result result, string symbol, bool snapshot)
    {
        if (snapshot)
        {
            var old = result.Books.GetValueOrDefault(symbol);
            var fresh = new Book { Snapshots = (old?.Snapshots ?? 0) + 1, Deltas = old?.Deltas ?? 0 };
            result.Books[symbol] = fresh;
            return fresh;
        }

        var book = result.Books[symbol];
        book.Deltas++;
        return book;
    }

    private static void ApplyV5(SortedDictionary<decimal, string> side, JsonElement levels)
    {
        foreach (var level in levels.EnumerateArray())
        {
            Set(side, level[0].GetString()!, level[1].GetString()!);
        }
    }

    private static void ApplyV2(Book book, JsonElement levels, bool delete)
    {
        foreach (var level in levels.EnumerateArray())
        {
            var side = level.GetProperty("side").GetString() == "Buy" ? book.Bids : book.Asks;
            Set(side, level.GetProperty("price").GetString()!, delete ? "0" : level.GetProperty("size").GetRawText());
        }
    }

    private static void Set(SortedDictionary<decimal, string> side, string priceText, string sizeText)
    {
        var price = decimal.Parse(priceText, CultureInfo.InvariantCulture);
        if (decimal.Parse(sizeText, NumberStyles.Float, CultureInfo.InvariantCulture) == 0m)
        {
            side.Remove(price);
        }
        else
        {
            side[price] = sizeText;
        }
    }

    private static void Trim(SortedDictionary<decimal, string> side, int depth)
    {
        while (side.Count > depth)
        {
            side.Remove(side.Keys.Last());
        }
    }
}
