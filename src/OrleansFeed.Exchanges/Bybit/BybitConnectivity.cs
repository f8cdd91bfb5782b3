using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Bybit;

/// <summary>
/// Bybit v5 connection planning (§7 "Endpoints, subscribe, heartbeat"): <c>wss://stream.bybit.com/v5/public/{category}</c>,
/// topics <c>orderbook.{depth}.{symbol}</c> and <c>publicTrade.{symbol}</c> sent as
/// <c>{"op":"subscribe","args":[…]}</c> with at most <see cref="MaxArgsPerRequest"/> args per request (the spot cap,
/// applied everywhere), and a new connection whenever the args text of one would pass
/// <see cref="MaxArgsCharactersPerConnection"/> characters or <see cref="VenueOptions.MaxStreamsPerConnection"/> topics.
/// Keep-alive: <c>{"op":"ping"}</c> every 20 s.
/// </summary>
/// <param name="category">The category (URL path and REST <c>category</c>).</param>
/// <param name="bookDepth">The <c>N</c> of <c>orderbook.N</c>: 1, 50, 200 or 1000.</param>
public sealed class BybitConnectivity(BybitCategory category, int bookDepth = 50) : IVenueConnectivity
{
    /// <summary>Args per subscribe request: spot allows 10 (§7 "Limits"); linear/inverse have no cap, 10 keeps requests small.</summary>
    public const int MaxArgsPerRequest = 10;

    /// <summary>Total args text allowed on one public connection (§7: 21,000 characters).</summary>
    public const int MaxArgsCharactersPerConnection = 21_000;

    /// <summary>Pause between subscribe requests: §7 documents no message rate, so a conservative 20 per second [assumed].</summary>
    public static TimeSpan SubscribeInterval { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>New connections: at most 500 per 5 minutes per domain (§7 "Limits") → one every 600 ms.</summary>
    public static TimeSpan ConnectInterval { get; } = TimeSpan.FromMilliseconds(600);

    /// <summary>Default WebSocket host.</summary>
    public const string DefaultWebSocketBase = "wss://stream.bybit.com";

    /// <summary>Default REST base URL.</summary>
    public const string DefaultRestUrl = "https://api.bybit.com";

    /// <summary>The keep-alive: <c>{"op":"ping"}</c> every 20 s (§7 "Heartbeat").</summary>
    public static ConnectionKeepAlive KeepAlive { get; } = new("""{"op":"ping"}""", TimeSpan.FromSeconds(20));

    /// <summary>The book depth subscribed.</summary>
    public int BookDepth { get; } = bookDepth is 1 or 50 or 200 or 1000
        ? bookDepth
        : throw new ArgumentOutOfRangeException(nameof(bookDepth), bookDepth, "Bybit orderbook depth must be 1, 50, 200 or 1000.");

    /// <inheritdoc />
    public BookSnapshotSource SnapshotSource => BookSnapshotSource.Stream;

    /// <summary>REST budget: 600 requests per 5 s per IP (§7 REST) → 7200 per minute.</summary>
    public int DefaultWeightPerMinute => 7200;

    /// <inheritdoc />
    public IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options)
    {
        var uri = new Uri(string.IsNullOrEmpty(options.WebSocketUrl)
            ? $"{DefaultWebSocketBase}/v5/public/{category.WireName()}"
            : options.WebSocketUrl);
        var symbols = options.Symbols.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal);
        var plans = new List<ConnectionPlan>();
        var topics = new List<string>();
        var books = new List<string>();
        var characters = 0;
        foreach (var symbol in symbols)
        {
            string[] own = [BookTopic(symbol), $"publicTrade.{symbol}"];
            var cost = own.Sum(t => t.Length + 3);
            if (topics.Count > 0 && (characters + cost > MaxArgsCharactersPerConnection || topics.Count + own.Length > options.MaxStreamsPerConnection))
            {
                plans.Add(Plan(plans.Count, uri, topics, books));
                topics = [];
                books = [];
                characters = 0;
            }

            topics.AddRange(own);
            books.Add(symbol);
            characters += cost;
        }

        if (topics.Count > 0)
        {
            plans.Add(Plan(plans.Count, uri, topics, books));
        }

        return plans;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ResubscribeMessages(VenueOptions options, string symbol) =>
        [Request("unsubscribe", [BookTopic(symbol)]), Request("subscribe", [BookTopic(symbol)])];

    /// <summary>The REST book snapshot (<c>/v5/market/orderbook</c>); unused: the stream sends snapshots.</summary>
    /// <param name="options">Venue options.</param>
    /// <param name="symbol">Symbol.</param>
    /// <returns>The URL.</returns>
    public Uri SnapshotUri(VenueOptions options, string symbol) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{Rest(options)}/v5/market/orderbook?category={category.WireName()}&symbol={Uri.EscapeDataString(symbol)}&limit={Math.Min(BookDepth, 1000)}"));

    /// <summary>One request per snapshot.</summary>
    /// <param name="options">Venue options.</param>
    /// <returns>1.</returns>
    public int SnapshotWeight(VenueOptions options) => 1;

    /// <summary><c>/v5/market/instruments-info?category=…&amp;limit=1000</c>.</summary>
    /// <param name="options">Venue options.</param>
    /// <returns>The URL.</returns>
    public Uri? InstrumentsUri(VenueOptions options) =>
        new($"{Rest(options)}/v5/market/instruments-info?category={category.WireName()}&limit=1000");

    /// <summary>The book topic of a symbol, e.g. <c>orderbook.50.BTCUSDT</c>.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns>The topic.</returns>
    public string BookTopic(string symbol) => string.Create(CultureInfo.InvariantCulture, $"orderbook.{BookDepth}.{symbol}");

    /// <summary>Builds <c>{"op":op,"args":[…]}</c>.</summary>
    /// <param name="op"><c>subscribe</c> or <c>unsubscribe</c>.</param>
    /// <param name="args">Topics.</param>
    /// <returns>The text frame.</returns>
    public static string Request(string op, IEnumerable<string> args)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("op", op);
            writer.WriteStartArray("args");
            foreach (var arg in args)
            {
                writer.WriteStringValue(arg);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ConnectionPlan Plan(int index, Uri uri, List<string> topics, List<string> books) =>
        new(string.Create(CultureInfo.InvariantCulture, $"public-{index}"), uri, topics.Chunk(MaxArgsPerRequest).Select(c => Request("subscribe", c)).ToArray(), books.ToArray())
        {
            KeepAlive = KeepAlive,
            SubscribeMessageInterval = SubscribeInterval,
            ConnectDelay = ConnectInterval * index,
        };

    private static string Rest(VenueOptions options) =>
        string.IsNullOrEmpty(options.RestUrl) ? DefaultRestUrl : options.RestUrl.TrimEnd('/');
}
