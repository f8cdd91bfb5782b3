using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace OrleansFeed.Simulator.Internal;

/// <summary>
/// KuCoin's real level-2 books as the simulator knows them (shared/docs/exchange-protocols.md §3 "Level-2 sync"): the
/// first recorded REST snapshot reached by playback, plus every played <c>/market/level2</c> diff (withheld ones too)
/// whose changes carry a sequence above the book's, the book's sequence then being the diff's <c>sequenceEnd</c>. Diffs
/// played before the snapshot was reached are kept and replayed onto it, as a client's buffer would be. A REST request
/// mid-playback is answered from here, so a connector resyncing after a gap gets a snapshot at the current point.
/// </summary>
/// <remarks>Thread-safe: playback applies, REST handlers read, under one lock. Simulator-only: allocates freely.</remarks>
internal sealed class KuCoinTrueBooks
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Book> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ReadOnlyMemory<byte>>> _early = new(StringComparer.Ordinal);

    /// <summary>Diffs whose <c>sequenceStart</c> was past the book's sequence + 1: gaps in the recording itself.</summary>
    public long RecordedGaps { get; private set; }

    /// <summary>Whether the book of <paramref name="symbol"/> is known (a recorded snapshot has been reached).</summary>
    public bool IsSeeded(string symbol)
    {
        lock (_lock)
        {
            return _books.ContainsKey(symbol);
        }
    }

    /// <summary>Starts a book from a recorded snapshot body and replays the diffs played before it.</summary>
    public void Seed(string symbol, ReadOnlyMemory<byte> body)
    {
        using var doc = JsonDocument.Parse(body);
        if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !long.TryParse(data.GetProperty("sequence").GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return;
        }

        var book = new Book(sequence);
        Load(book.Bids, data.GetProperty("bids"));
        Load(book.Asks, data.GetProperty("asks"));
        lock (_lock)
        {
            _books[symbol] = book;
            if (_early.Remove(symbol, out var early))
            {
                foreach (var frame in early)
                {
                    ApplyLocked(book, frame.Span);
                }
            }
        }
    }

    /// <summary>Applies one recorded <c>/market/level2</c> frame (buffered until the symbol is seeded).</summary>
    public void Apply(string symbol, ReadOnlyMemory<byte> frame)
    {
        lock (_lock)
        {
            if (_books.TryGetValue(symbol, out var book))
            {
                ApplyLocked(book, frame.Span);
            }
            else
            {
                if (!_early.TryGetValue(symbol, out var list))
                {
                    _early[symbol] = list = [];
                }

                list.Add(frame);
            }
        }
    }

    /// <summary>A level-2 snapshot response of the current book: <c>{"code":"200000","data":{"time","sequence","bids","asks"}}</c>.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="depth">Levels per side; 0 = all.</param>
    /// <param name="timeMs">The <c>time</c> field, ms since the epoch.</param>
    /// <returns>The body, or null before the symbol is seeded.</returns>
    public byte[]? TrySnapshot(string symbol, int depth, long timeMs)
    {
        var output = new ArrayBufferWriter<byte>(4096);
        lock (_lock)
        {
            if (!_books.TryGetValue(symbol, out var book))
            {
                return null;
            }

            using var json = new Utf8JsonWriter(output);
            json.WriteStartObject();
            json.WriteString("code", "200000");
            json.WriteStartObject("data");
            json.WriteNumber("time", timeMs);
            json.WriteString("sequence", book.Sequence.ToString(CultureInfo.InvariantCulture));
            WriteSide(json, "bids", book.Bids, depth);
            WriteSide(json, "asks", book.Asks, depth);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private void ApplyLocked(Book book, ReadOnlySpan<byte> frame)
    {
        using var doc = JsonDocument.Parse(frame.ToArray());
        if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("sequenceStart", out var startElement) || !data.TryGetProperty("sequenceEnd", out var endElement)
            || !data.TryGetProperty("changes", out var changes))
        {
            return;
        }

        var start = startElement.GetInt64();
        var end = endElement.GetInt64();
        if (end <= book.Sequence)
        {
            return;
        }

        if (start > book.Sequence + 1)
        {
            RecordedGaps++;
        }

        Change(book, book.Bids, changes, "bids");
        Change(book, book.Asks, changes, "asks");
        book.Sequence = end;
    }

    private static void Change(Book book, SortedDictionary<decimal, (string Price, string Size)> side, JsonElement changes, string name)
    {
        if (!changes.TryGetProperty(name, out var levels) || levels.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var change in levels.EnumerateArray())
        {
            // [price, size, sequence]; price "0" is a sequence-only no-op (§3).
            var priceText = change[0].GetString()!;
            if (long.Parse(change[2].GetString()!, CultureInfo.InvariantCulture) <= book.Sequence || priceText == "0")
            {
                continue;
            }

            Set(side, priceText, change[1].GetString()!);
        }
    }

    private static void Load(SortedDictionary<decimal, (string Price, string Size)> side, JsonElement levels)
    {
        foreach (var level in levels.EnumerateArray())
        {
            Set(side, level[0].GetString()!, level[1].GetString()!);
        }
    }

    private static void Set(SortedDictionary<decimal, (string Price, string Size)> side, string price, string size)
    {
        var key = decimal.Parse(price, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (decimal.Parse(size, NumberStyles.Float, CultureInfo.InvariantCulture) == 0m)
        {
            side.Remove(key);
        }
        else
        {
            side[key] = (price, size);
        }
    }

    private static void WriteSide(Utf8JsonWriter json, string name, SortedDictionary<decimal, (string Price, string Size)> side, int depth)
    {
        json.WriteStartArray(name);
        var count = 0;
        foreach (var (price, size) in side.Values)
        {
            if (depth > 0 && count++ == depth)
            {
                break;
            }

            json.WriteStartArray();
            json.WriteStringValue(price);
            json.WriteStringValue(size);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    private sealed class Book(long sequence)
    {
        public SortedDictionary<decimal, (string Price, string Size)> Bids { get; } = new(Comparer<decimal>.Create(static (a, b) => b.CompareTo(a)));

        public SortedDictionary<decimal, (string Price, string Size)> Asks { get; } = new();

        public long Sequence { get; set; } = sequence;
    }
}
