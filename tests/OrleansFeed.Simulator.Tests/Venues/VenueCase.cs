using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.Simulator.Tests.Venues;

/// <summary>
/// One venue's test setup: a recording, one symbol, the subscribe text a connector sends, and an independent
/// recogniser of that symbol's recorded book frames (shares no code with the simulator's venue plug-ins).
/// </summary>
internal sealed partial record VenueCase(
    string Venue,
    string[] Files,
    string Symbol,
    string Subscribe,
    string Unsubscribe,
    Func<string, bool> IsBook,
    Func<string, bool> IsSnapshot)
{
    private static readonly Dictionary<string, IReadOnlyList<CaptureRecord>> Loaded = [];

    public static VenueCase Of(string venue) => venue switch
    {
        "kraken" => new(venue, ["kraken/2021-04-05_book-1000_10-pairs.combined.txt.gz"], "XBT/USD",
            "{\"event\":\"subscribe\",\"pair\":[\"XBT/USD\"],\"subscription\":{\"name\":\"book\",\"depth\":1000}}",
            "{\"event\":\"unsubscribe\",\"pair\":[\"XBT/USD\"],\"subscription\":{\"name\":\"book\"}}",
            f => Array(f) is { } a && a[^1].GetString() == "XBT/USD" && a[^2].GetString()!.StartsWith("book", StringComparison.Ordinal),
            f => f.Contains("\"as\":", StringComparison.Ordinal)),
        "coinbase" => new(venue, ["coinbase/2021-04-17_7-products.ws.txt.gz"], "SKL-GBP",
            "{\"type\":\"subscribe\",\"product_ids\":[\"SKL-GBP\"],\"channels\":[\"level2\"]}",
            "{\"type\":\"unsubscribe\",\"product_ids\":[\"SKL-GBP\"],\"channels\":[\"level2\"]}",
            f => Prop(f, "product_id") == "SKL-GBP" && Prop(f, "type") is "snapshot" or "l2update",
            f => Prop(f, "type") == "snapshot"),
        "okx" => new(venue, ["okx/2021-07-22_books-l2-tbt_trades_tickers_10-instruments.ws.txt.gz"], "XMR-USDT-SWAP",
            "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books-l2-tbt\",\"instId\":\"XMR-USDT-SWAP\"}]}",
            "{\"op\":\"unsubscribe\",\"args\":[{\"channel\":\"books-l2-tbt\",\"instId\":\"XMR-USDT-SWAP\"}]}",
            f => Prop(f, "action") is not null && f.Contains("{\"channel\":\"books-l2-tbt\",\"instId\":\"XMR-USDT-SWAP\"}", StringComparison.Ordinal),
            f => Prop(f, "action") == "snapshot"),
        "bybit" => new(venue, ["bybit/2021-04-17_v2-realtime_public_orderBookL2_25_trade.ws.txt.gz"], "BCHUSDT",
            "{\"op\":\"subscribe\",\"args\":[\"orderBookL2_25.BCHUSDT\"]}",
            "{\"op\":\"unsubscribe\",\"args\":[\"orderBookL2_25.BCHUSDT\"]}",
            f => Prop(f, "topic") == "orderBookL2_25.BCHUSDT",
            f => Prop(f, "type") == "snapshot"),
        "bitfinex" => new(venue, ["bitfinex/2021-04-05_book_trades_ticker_8-pairs.combined.txt.gz"], "tETHJPY",
            "{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tETHJPY\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"100\"}",
            "{\"event\":\"unsubscribe\",\"chanId\":146467}",
            f => Array(f) is { } a && a[0].GetInt64() == 146467 && a[1].ValueKind == JsonValueKind.Array,
            f => Array(f) is { } a && a[1].GetArrayLength() > 0 && a[1][0].ValueKind == JsonValueKind.Array),
        "kucoin" => new(venue, ["kucoin/2021-04-25_6-symbols.ws.txt.gz", "kucoin/2021-04-25_6-symbols.http.txt.gz"], "BCHSV-USDT",
            "{\"id\":\"7\",\"type\":\"subscribe\",\"topic\":\"/market/level2:BCHSV-USDT\",\"privateChannel\":false,\"response\":true}",
            "{\"id\":\"8\",\"type\":\"unsubscribe\",\"topic\":\"/market/level2:BCHSV-USDT\",\"privateChannel\":false,\"response\":true}",
            f => Prop(f, "topic") == "/market/level2:BCHSV-USDT",
            _ => false),
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "no test case"),
    };

    public IReadOnlyList<CaptureRecord> Load()
    {
        lock (Loaded)
        {
            var key = string.Join('|', Files);
            if (!Loaded.TryGetValue(key, out var records))
            {
                Loaded[key] = records = CaptureFile.ReadMerged(Files.Select(SharedData.PathOf));
            }

            return records;
        }
    }

    /// <summary>The recorded book frames of the symbol, in order, as a client without Bitfinex SEQ_ALL sees them.</summary>
    public List<string> RecordedBook() =>
        Load().Where(r => r.Kind == CaptureRecordKind.Received).Select(r => Normalise(Encoding.UTF8.GetString(r.Payload.Span))).Where(IsBook).ToList();

    /// <summary>Bitfinex frames lose their trailing sequence number when the client did not ask for SEQ_ALL.</summary>
    public string Normalise(string frame) => Venue == "bitfinex" ? TrailingSequence().Replace(frame, "]") : frame;

    private static JsonElement[]? Array(string frame)
    {
        if (!frame.StartsWith('['))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(frame);
        var items = doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
        return items.Length >= 2 && items[0].ValueKind == JsonValueKind.Number && (items[^1].ValueKind == JsonValueKind.String || items[^1].ValueKind == JsonValueKind.Array) ? items : null;
    }

    private static string? Prop(string frame, string name)
    {
        if (!frame.StartsWith('{'))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(frame);
        return doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    [GeneratedRegex(@",\d+\]$")]
    private static partial Regex TrailingSequence();
}
