using System.Globalization;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>
/// Kraken spot connection planning (shared/docs/exchange-protocols.md §4 "Endpoints and connection rules"):
/// one WebSocket per shard of pairs, each subscribing the <c>book</c> (at the configured depth mapped to 10, 25,
/// 100, 500 or 1000) and <c>trade</c> channels with one message per channel listing the shard's pairs. The book
/// snapshot arrives on the subscription (<see cref="BookSnapshotSource.Stream"/>); one pair is resynced by
/// unsubscribing and resubscribing its book on the open connection.
/// </summary>
/// <remarks>
/// <para>URL: <see cref="VenueOptions.WebSocketUrl"/> verbatim when set, else <c>wss://ws.kraken.com/v2</c> (v2 is
/// recommended; v1 is frozen). The API version of a URL is v2 when its path ends in <c>/v2</c>, else v1
/// (<c>wss://ws.kraken.com</c>, the recordings, the simulator).</para>
/// <para>Limits: Kraken documents no per-connection subscription cap, only a dynamic message-rate limit
/// (<c>Exceeded msg rate</c>). We shard at <see cref="VenueOptions.MaxStreamsPerConnection"/> channels (two per
/// pair) and space subscribe frames by <see cref="SubscribeInterval"/>. No keep-alive is planned: Kraken sends a
/// heartbeat about once a second whenever no other data flows, and documents no idle disconnect.</para>
/// </remarks>
public sealed class KrakenConnectivity : IVenueConnectivity
{
    /// <summary>Default v2 endpoint.</summary>
    public const string DefaultWebSocketUrl = "wss://ws.kraken.com/v2";

    /// <summary>Default REST base URL.</summary>
    public const string DefaultRestUrl = "https://api.kraken.com";

    /// <summary>
    /// Pause between subscribe frames on one connection: our conservative choice, since the rate limit is dynamic
    /// and unpublished (§4); with one frame per channel a connection sends only two.
    /// </summary>
    public static readonly TimeSpan SubscribeInterval = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc />
    /// <remarks>Public REST is roughly 1 call/s (§4, unconfirmed); only AssetPairs is fetched.</remarks>
    public int DefaultWeightPerMinute => 60;

    /// <inheritdoc />
    public BookSnapshotSource SnapshotSource => BookSnapshotSource.Stream;

    /// <summary>The API version a WebSocket URL speaks: v2 when its path ends in <c>/v2</c>.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>V1 or V2.</returns>
    public static KrakenApiVersion VersionOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsolutePath.TrimEnd('/').EndsWith("/v2", StringComparison.OrdinalIgnoreCase)
            ? KrakenApiVersion.V2
            : KrakenApiVersion.V1;

    /// <inheritdoc />
    public IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options)
    {
        var url = ConnectUrl(options);
        var version = VersionOf(url);
        var depth = KrakenSubscriptions.BookDepth(options.DepthLimit ?? VenueOptions.DefaultDepthLimit);
        var perConnection = Math.Max(1, options.MaxStreamsPerConnection / 2);
        var pairs = options.Symbols.Distinct(StringComparer.Ordinal).ToList();
        var plans = new List<ConnectionPlan>();
        for (var shard = 0; shard * perConnection < pairs.Count; shard++)
        {
            var own = pairs.Skip(shard * perConnection).Take(perConnection).ToArray();
            plans.Add(new ConnectionPlan(
                string.Create(CultureInfo.InvariantCulture, $"kraken-{shard}"),
                new Uri(url),
                // The ticker rides along (one small message per trade burst): the venue's own 24 h figures for the stats comparison.
                [KrakenSubscriptions.Book(version, own, depth), KrakenSubscriptions.Trade(version, own), KrakenSubscriptions.Ticker(version, own)],
                own)
            {
                SubscribeMessageInterval = SubscribeInterval,
            });
        }

        return plans;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ResubscribeMessages(VenueOptions options, string symbol)
    {
        var version = VersionOf(ConnectUrl(options));
        var depth = KrakenSubscriptions.BookDepth(options.DepthLimit ?? VenueOptions.DefaultDepthLimit);
        return [KrakenSubscriptions.Book(version, [symbol], depth, subscribe: false), KrakenSubscriptions.Book(version, [symbol], depth)];
    }

    /// <inheritdoc />
    /// <remarks>Not used for sync (the WebSocket sends the snapshot); REST <c>/0/public/Depth</c> for diagnostics.</remarks>
    public Uri SnapshotUri(VenueOptions options, string symbol)
    {
        var pair = Uri.EscapeDataString(symbol.Replace("/", string.Empty, StringComparison.Ordinal));
        var count = KrakenSubscriptions.BookDepth(options.DepthLimit ?? VenueOptions.DefaultDepthLimit).ToString(CultureInfo.InvariantCulture);
        return new Uri($"{RestBase(options)}/0/public/Depth?pair={pair}&count={count}");
    }

    /// <inheritdoc />
    public int SnapshotWeight(VenueOptions options) => 1;

    /// <inheritdoc />
    public Uri? InstrumentsUri(VenueOptions options) => new($"{RestBase(options)}/0/public/AssetPairs");

    private static string ConnectUrl(VenueOptions options) =>
        string.IsNullOrEmpty(options.WebSocketUrl) ? DefaultWebSocketUrl : options.WebSocketUrl;

    private static string RestBase(VenueOptions options) =>
        string.IsNullOrEmpty(options.RestUrl) ? DefaultRestUrl : options.RestUrl.TrimEnd('/');
}
