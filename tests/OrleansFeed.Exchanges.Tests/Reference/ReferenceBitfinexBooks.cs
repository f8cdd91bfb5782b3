using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace OrleansFeed.Exchanges.Tests.Reference;

/// <summary>
/// An independent, deliberately simple rebuild of Bitfinex v2 P0 books from a recording, written from the venue docs with
/// JsonDocument and SortedDictionary (decimal) — no production code: <c>subscribed</c> maps chanId → symbol, a list of
/// levels replaces the book, count 0 removes (amount 1 bid, -1 ask), amount &gt; 0 sets a bid, &lt; 0 an ask at |amount|.
/// Also checks the SEQ_ALL rule (last element of every channel frame, +1 per frame).
/// </summary>
public static class ReferenceBitfinexBooks
{
    public sealed class Book
    {
        public SortedDictionary<decimal, decimal> Bids { get; } = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));

        public SortedDictionary<decimal, decimal> Asks { get; } = new();

        public int Updates { get; set; }
    }

    public sealed class Result
    {
        public Dictionary<string, Book> Books { get; } = [];

        public int SequencedFrames { get; set; }

        public int SequenceBreaks { get; set; }

        public int Trades { get; set; }

        /// <summary>WebSocket frames received.</summary>
        public int Frames { get; set; }

        /// <summary>Events and heartbeats.</summary>
        public int ControlFrames { get; set; }

        /// <summary><c>tu</c> frames and trade history snapshots.</summary>
        public int IgnoredFrames { get; set; }

        /// <summary>Symbols with at least one ticker frame.</summary>
        public HashSet<string> TickerSymbols { get; } = [];
    }

    /// <summary>Builds every book of the files (one connection each).</summary>
    public static Result Build(IEnumerable<string> files)
    {
        var result = new Result();
        foreach (var file in files)
        {
            var channels = new Dictionary<long, (string Channel, string Symbol)>();
            long? last = null;
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
                result.Frames++;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    result.ControlFrames++;
                    if (root.GetProperty("event").GetString() == "subscribed" && root.TryGetProperty("symbol", out var symbol))
                    {
                        channels[root.GetProperty("chanId").GetInt64()] = (root.GetProperty("channel").GetString()!, symbol.GetString()!);
                    }

                    continue;
                }

                var tail = root[root.GetArrayLength() - 1];
                if (root.GetArrayLength() > 2 && tail.ValueKind == JsonValueKind.Number)
                {
                    var sequence = tail.GetInt64();
                    result.SequencedFrames++;
                    if (last is not null && sequence != last + 1)
                    {
                        result.SequenceBreaks++;
                    }

                    last = sequence;
                }

                var payload = root[1];
                var tag = payload.ValueKind == JsonValueKind.String ? payload.GetString() : null;
                if (tag == "hb")
                {
                    result.ControlFrames++;
                    continue;
                }

                if (!channels.TryGetValue(root[0].GetInt64(), out var channel))
                {
                    continue;
                }

                if (channel.Channel == "trades")
                {
                    if (tag == "te")
                    {
                        result.Trades++;
                    }
                    else
                    {
                        result.IgnoredFrames++;
                    }
                }
                else if (channel.Channel == "ticker")
                {
                    result.TickerSymbols.Add(channel.Symbol);
                }

                if (channel.Channel != "book" || payload.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                if (payload.GetArrayLength() == 0 || payload[0].ValueKind == JsonValueKind.Array)
                {
                    var book = result.Books[channel.Symbol] = new Book();
                    foreach (var level in payload.EnumerateArray())
                    {
                        Apply(book, level);
                    }
                }
                else if (result.Books.TryGetValue(channel.Symbol, out var book))
                {
                    Apply(book, payload);
                    book.Updates++;
                }
            }
        }

        return result;
    }

    private static void Apply(Book book, JsonElement level)
    {
        var price = Number(level[0]);
        var count = level[1].GetInt64();
        var amount = Number(level[2]);
        if (count == 0)
        {
            (amount == 1m ? book.Bids : book.Asks).Remove(price);
        }
        else if (amount > 0)
        {
            book.Bids[price] = amount;
        }
        else
        {
            book.Asks[price] = -amount;
        }
    }

    private static decimal Number(JsonElement element) =>
        decimal.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
