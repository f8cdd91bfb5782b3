using System.Text;
using System.Text.Json;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Coinbase;

/// <summary>
/// Coinbase connection planning. Exchange feed: one <c>{"type":"subscribe","product_ids":[…],"channels":[…]}</c> per
/// channel (<c>level2_batch</c>, <c>matches</c>, <c>ticker</c>, <c>heartbeat</c>). Advanced Trade (§5): one channel per
/// subscribe message (<c>heartbeats</c> first, then <c>level2</c>, <c>market_trades</c>, <c>ticker</c>).
/// </summary>
/// <remarks>
/// <para>Neither feed documents a per-connection product cap, so products are sharded by
/// <see cref="VenueOptions.MaxStreamsPerConnection"/> counting three channels per product (default 1024 → 341 products
/// per connection). Subscribe messages are paced at 125 ms: 8 unauthenticated messages/s per IP (§5 "Rate limits";
/// the Exchange feed allows 8 requests/s per IP). Keep-alive is the venue's heartbeat channel, so no client ping is set.</para>
/// <para>The Exchange feed's <c>level2</c> channel requires authentication since 2023; <c>level2_batch</c> sends the same
/// <c>snapshot</c>/<c>l2update</c> messages batched every 50 ms without it, and the parser reads both alike.</para>
/// </remarks>
/// <param name="feed">Which Coinbase API.</param>
public sealed class CoinbaseConnectivity(CoinbaseFeed feed) : IVenueConnectivity
{
    /// <summary>Exchange feed book channel subscribed live (public; same messages as <c>level2</c>).</summary>
    public const string ExchangeBookChannel = "level2_batch";

    /// <summary>Pause between subscribe messages: 8 messages/s per IP.</summary>
    public static readonly TimeSpan SubscribeInterval = TimeSpan.FromMilliseconds(125);

    /// <inheritdoc />
    public int DefaultWeightPerMinute => 300;

    /// <inheritdoc />
    public BookSnapshotSource SnapshotSource => BookSnapshotSource.Stream;

    /// <inheritdoc />
    public IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options)
    {
        var ws = string.IsNullOrEmpty(options.WebSocketUrl) ? DefaultWebSocketUrl : options.WebSocketUrl;
        var symbols = options.Symbols.Select(s => s.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var perConnection = Math.Max(1, options.MaxStreamsPerConnection / 3);
        var plans = new List<ConnectionPlan>();
        var connections = Math.Max(1, (symbols.Count + perConnection - 1) / perConnection);
        for (var shard = 0; shard * perConnection < symbols.Count; shard++)
        {
            var products = symbols.Skip(shard * perConnection).Take(perConnection).ToArray();
            plans.Add(new ConnectionPlan($"public-{shard}", new Uri(ws), SubscribeMessages(products), products)
            {
                // The 8 messages/s limit is per IP: connections subscribing at once share it.
                SubscribeMessageInterval = SubscribeInterval * connections,
                ConnectDelay = SubscribeInterval * shard,
            });
        }

        return plans;
    }

    /// <inheritdoc />
    public Uri SnapshotUri(VenueOptions options, string symbol) => feed == CoinbaseFeed.Exchange
        ? new Uri($"{Rest(options)}/products/{Uri.EscapeDataString(symbol)}/book?level=2")
        : new Uri($"{Rest(options)}/api/v3/brokerage/market/product_book?product_id={Uri.EscapeDataString(symbol)}");

    /// <inheritdoc />
    public int SnapshotWeight(VenueOptions options) => 1;

    /// <inheritdoc />
    public IReadOnlyList<string> ResubscribeMessages(VenueOptions options, string symbol)
    {
        string[] product = [symbol];
        return feed == CoinbaseFeed.Exchange
            ? [Exchange("unsubscribe", product, ExchangeBookChannel), Exchange("subscribe", product, ExchangeBookChannel)]
            : [Advanced("unsubscribe", product, "level2"), Advanced("subscribe", product, "level2")];
    }

    /// <inheritdoc />
    public Uri? InstrumentsUri(VenueOptions options) => feed == CoinbaseFeed.Exchange
        ? new Uri($"{Rest(options)}/products")
        : new Uri($"{Rest(options)}/api/v3/brokerage/market/products");

    private string DefaultWebSocketUrl => feed == CoinbaseFeed.Exchange ? "wss://ws-feed.exchange.coinbase.com" : "wss://advanced-trade-ws.coinbase.com";

    private string Rest(VenueOptions options) => string.IsNullOrEmpty(options.RestUrl)
        ? (feed == CoinbaseFeed.Exchange ? "https://api.exchange.coinbase.com" : "https://api.coinbase.com")
        : options.RestUrl.TrimEnd('/');

    private string[] SubscribeMessages(string[] products) => feed == CoinbaseFeed.Exchange
        ? [Exchange("subscribe", products, ExchangeBookChannel), Exchange("subscribe", products, "matches"), Exchange("subscribe", products, "ticker"), Exchange("subscribe", products, "heartbeat")]
        : ["""{"type":"subscribe","channel":"heartbeats"}""", Advanced("subscribe", products, "level2"), Advanced("subscribe", products, "market_trades"), Advanced("subscribe", products, "ticker")];

    private static string Exchange(string type, string[] products, string channel) =>
        $$"""{"type":"{{type}}","product_ids":{{JsonArray(products)}},"channels":["{{channel}}"]}""";

    private static string Advanced(string type, string[] products, string channel) =>
        $$"""{"type":"{{type}}","product_ids":{{JsonArray(products)}},"channel":"{{channel}}"}""";

    private static string JsonArray(string[] values)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < values.Length; i++)
        {
            text.Append(i == 0 ? "\"" : ",\"").Append(JsonEncodedText.Encode(values[i]).ToString()).Append('"');
        }

        return text.Append(']').ToString();
    }
}
