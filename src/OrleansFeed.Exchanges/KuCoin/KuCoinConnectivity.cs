using System.Globalization;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.KuCoin;

/// <summary>
/// KuCoin connection planning (shared/docs/exchange-protocols.md §3): one subscribe message per topic and per
/// 100 symbols (<c>/market/level2:A,B</c>, <c>/market/match:…</c>, <c>/market/ticker:…</c>), at most
/// <see cref="MaxSubscriptionsPerConnection"/> symbol-topics per connection (more symbols shard onto more
/// connections), subscribe messages paced by the 100-messages-per-10-s limit, and the token handshake before
/// every connect.
/// </summary>
/// <param name="snapshotDepth">Which REST snapshot to sync from.</param>
public sealed class KuCoinConnectivity(KuCoinSnapshotDepth snapshotDepth = KuCoinSnapshotDepth.Top100) : IVenueConnectivity
{
    /// <summary>Production REST base URL.</summary>
    public const string DefaultRestUrl = "https://api.kucoin.com";

    /// <summary>Placeholder WebSocket URL of a plan before <see cref="NegotiateAsync"/> replaces it with the server-given endpoint.</summary>
    public const string DefaultWebSocketUrl = "wss://ws-api-spot.kucoin.com/";

    /// <summary>Symbols one subscribe message may list (§3 step 5).</summary>
    public const int MaxSymbolsPerTopicMessage = 100;

    /// <summary>
    /// Symbol-topic subscriptions per connection (each symbol in each topic counts one). §3 marks the figure
    /// unconfirmed (clients cite 100, 300 or 400); 300 is used, and <see cref="VenueOptions.MaxStreamsPerConnection"/>
    /// lowers it.
    /// </summary>
    public const int MaxSubscriptionsPerConnection = 300;

    /// <summary>Topics subscribed per symbol: level2, match, ticker.</summary>
    public const int TopicsPerSymbol = 3;

    /// <summary>Pause between two subscribe messages: 100 client messages per 10 s per connection (§3, unconfirmed) → 100 ms.</summary>
    public static TimeSpan SubscribeMessageInterval { get; } = TimeSpan.FromMilliseconds(100);

    private static readonly string[] Topics = ["/market/level2:", "/market/match:", "/market/ticker:"];
    private long _pingIds;

    /// <summary>The snapshot the connector syncs from.</summary>
    public KuCoinSnapshotDepth SnapshotDepth { get; } = snapshotDepth;

    /// <inheritdoc />
    /// <remarks>The public pool is 2000 weight per 30 s per IP (§3 "REST"), 4000 per minute; half of it by default.</remarks>
    public int DefaultWeightPerMinute => 2000;

    /// <inheritdoc />
    public IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options)
    {
        var ws = new Uri(string.IsNullOrEmpty(options.WebSocketUrl) ? DefaultWebSocketUrl : options.WebSocketUrl);
        var symbols = options.Symbols.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var cap = Math.Min(options.MaxStreamsPerConnection, MaxSubscriptionsPerConnection);
        var perConnection = Math.Max(1, cap / TopicsPerSymbol);
        var plans = new List<ConnectionPlan>();
        for (var shard = 0; shard * perConnection < symbols.Count; shard++)
        {
            var books = symbols.Skip(shard * perConnection).Take(perConnection).ToArray();
            plans.Add(new ConnectionPlan($"kucoin-{shard}", ws, SubscribeMessages(books), books)
            {
                SubscribeMessageInterval = SubscribeMessageInterval,
                KeepAlive = new ConnectionKeepAlive(PingMessage(), KuCoinBullet.DefaultPingInterval),
            });
        }

        return plans;
    }

    /// <summary>The subscribe frames for a set of symbols: per topic, one frame per 100 symbols, ids 1, 2, 3…</summary>
    /// <param name="symbols">Native symbols.</param>
    /// <returns><c>{"id":"n","type":"subscribe","topic":"/market/level2:A,B","privateChannel":false,"response":true}</c> frames.</returns>
    public static IReadOnlyList<string> SubscribeMessages(IReadOnlyList<string> symbols)
    {
        var messages = new List<string>();
        var id = 0;
        foreach (var topic in Topics)
        {
            for (var i = 0; i < symbols.Count; i += MaxSymbolsPerTopicMessage)
            {
                var chunk = string.Join(',', symbols.Skip(i).Take(MaxSymbolsPerTopicMessage));
                messages.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $$"""{"id":"{{++id}}","type":"subscribe","topic":"{{topic}}{{chunk}}","privateChannel":false,"response":true}"""));
            }
        }

        return messages;
    }

    /// <inheritdoc />
    /// <remarks>
    /// POSTs <c>{RestUrl or https://api.kucoin.com}/api/v1/bullet-public</c> (weight 10) and returns the plan with
    /// <see cref="ConnectionPlan.Uri"/> = <c>{endpoint}?token={token}&amp;connectId={guid}</c> and a
    /// <c>{"id":"n","type":"ping"}</c> keep-alive at the server's <c>pingInterval</c>. The subscribe frames should be
    /// sent after the <c>welcome</c> frame (§3 step 3).
    /// </remarks>
    public async ValueTask<ConnectionPlan> NegotiateAsync(ConnectionPlan plan, VenueOptions options, HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{RestBase(options)}/api/v1/bullet-public"));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!KuCoinBullet.TryParse(body, out var bullet))
        {
            throw new HttpRequestException($"KuCoin bullet-public response from {RestBase(options)} has no token or endpoint (venue=kucoin plan={plan.Name}).");
        }

        return plan with
        {
            Uri = bullet.ConnectUri(Guid.NewGuid().ToString("N")),
            KeepAlive = new ConnectionKeepAlive(PingMessage(), bullet.PingInterval),
        };
    }

    /// <inheritdoc />
    public Uri SnapshotUri(VenueOptions options, string symbol)
    {
        var path = SnapshotDepth switch
        {
            KuCoinSnapshotDepth.Top20 => "/api/v1/market/orderbook/level2_20",
            KuCoinSnapshotDepth.Full => "/api/v3/market/orderbook/level2",
            _ => "/api/v1/market/orderbook/level2_100",
        };
        return new Uri($"{RestBase(options)}{path}?symbol={Uri.EscapeDataString(symbol)}");
    }

    /// <inheritdoc />
    /// <remarks><c>level2_20</c>/<c>level2_100</c> weigh 2, the full book 3 (§3 "REST").</remarks>
    public int SnapshotWeight(VenueOptions options) => SnapshotDepth == KuCoinSnapshotDepth.Full ? 3 : 2;

    /// <inheritdoc />
    public Uri? InstrumentsUri(VenueOptions options) => new($"{RestBase(options)}/api/v2/symbols");

    private static string RestBase(VenueOptions options) =>
        string.IsNullOrEmpty(options.RestUrl) ? DefaultRestUrl : options.RestUrl.TrimEnd('/');

    private string PingMessage() =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"id":"{{Interlocked.Increment(ref _pingIds)}}","type":"ping"}""");
}
