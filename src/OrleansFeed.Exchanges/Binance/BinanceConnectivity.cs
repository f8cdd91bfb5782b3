using System.Globalization;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Binance;

/// <summary>
/// Binance connection planning (§1, §2): combined streams <c>/stream?streams=a/b/c</c> with
/// <c>&lt;symbol&gt;@depth@100ms</c>, <c>@aggTrade</c> and <c>@bookTicker</c>, at most 1024 streams per connection.
/// USD-M honours the 2026 split: depth and bookTicker on <c>/public</c>, aggTrade on <c>/market</c>.
/// </summary>
/// <param name="market">The market.</param>
public sealed class BinanceConnectivity(BinanceMarket market) : IVenueConnectivity
{
    /// <inheritdoc />
    public int DefaultWeightPerMinute => market.IsFutures() ? 1200 : 3000;

    /// <inheritdoc />
    public IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options)
    {
        var ws = string.IsNullOrEmpty(options.WebSocketUrl) ? DefaultWebSocketUrl : options.WebSocketUrl.TrimEnd('/');
        var depth = string.IsNullOrEmpty(options.DepthSpeed) ? "depth" : $"depth@{options.DepthSpeed}";
        var symbols = options.Symbols.Select(s => s.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var split = options.SplitRoutes ?? market == BinanceMarket.UsdFutures;
        var plans = new List<ConnectionPlan>();
        if (split)
        {
            AddSharded(plans, "public", $"{ws}/public", symbols, s => [$"{s}@{depth}", $"{s}@bookTicker"], carriesBooks: true, options, SubscribeIntervalOf(market));
            AddSharded(plans, "market", $"{ws}/market", symbols, s => [$"{s}@aggTrade"], carriesBooks: false, options, SubscribeIntervalOf(market));
        }
        else
        {
            AddSharded(plans, "stream", ws, symbols, s => [$"{s}@{depth}", $"{s}@aggTrade", $"{s}@bookTicker"], carriesBooks: true, options, SubscribeIntervalOf(market));
        }

        return plans;
    }

    /// <inheritdoc />
    public Uri SnapshotUri(VenueOptions options, string symbol)
    {
        var rest = string.IsNullOrEmpty(options.RestUrl) ? DefaultRestUrl : options.RestUrl.TrimEnd('/');
        var path = market switch
        {
            BinanceMarket.UsdFutures => "/fapi/v1/depth",
            BinanceMarket.CoinFutures => "/dapi/v1/depth",
            _ => "/api/v3/depth",
        };
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"{rest}{path}?symbol={symbol}&limit={options.DepthLimit ?? VenueOptions.DefaultDepthLimit}"));
    }

    /// <inheritdoc />
    public int SnapshotWeight(VenueOptions options)
    {
        var limit = options.DepthLimit ?? VenueOptions.DefaultDepthLimit;
        if (market.IsFutures())
        {
            // §2 (unconfirmed figures): 5-50 → 2; 100 → 5; 500 → 10; 1000 → 20.
            return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
        }

        // §1: 1-100 → 5; 101-500 → 25; 501-1000 → 50; 1001-5000 → 250.
        return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }

    /// <summary>
    /// The market's <c>exchangeInfo</c> URL: spot <c>https://api.binance.com/api/v3/exchangeInfo</c>, US
    /// <c>https://api.binance.us/api/v3/exchangeInfo</c>, USD-M <c>https://fapi.binance.com/fapi/v1/exchangeInfo</c>,
    /// COIN-M <c>https://dapi.binance.com/dapi/v1/exchangeInfo</c> (or the same path under <see cref="VenueOptions.RestUrl"/>).
    /// Spot weight 20 (§1 "REST"); §2 gives no futures weight.
    /// </summary>
    /// <param name="options">Venue options.</param>
    /// <returns>The URL read by <see cref="BinanceInstrumentsParser"/>.</returns>
    public Uri InstrumentsUri(VenueOptions options)
    {
        var rest = string.IsNullOrEmpty(options.RestUrl) ? DefaultRestUrl : options.RestUrl.TrimEnd('/');
        var path = market switch
        {
            BinanceMarket.UsdFutures => "/fapi/v1/exchangeInfo",
            BinanceMarket.CoinFutures => "/dapi/v1/exchangeInfo",
            _ => "/api/v3/exchangeInfo",
        };
        return new Uri(rest + path);
    }

    private string DefaultWebSocketUrl => market switch
    {
        BinanceMarket.Spot => "wss://stream.binance.com:9443",
        BinanceMarket.Us => "wss://stream.binance.us:9443",
        BinanceMarket.UsdFutures => "wss://fstream.binance.com",
        _ => "wss://dstream.binance.com",
    };

    private string DefaultRestUrl => market switch
    {
        BinanceMarket.Spot => "https://api.binance.com",
        BinanceMarket.Us => "https://api.binance.us",
        BinanceMarket.UsdFutures => "https://fapi.binance.com",
        _ => "https://dapi.binance.com",
    };

    private static void AddSharded(
        List<ConnectionPlan> plans,
        string name,
        string baseUrl,
        List<string> symbols,
        Func<string, string[]> streamsOf,
        bool carriesBooks,
        VenueOptions options,
        TimeSpan interval)
    {
        var shard = 0;
        var streams = new List<string>();
        var books = new List<string>();
        foreach (var symbol in symbols)
        {
            var own = streamsOf(symbol.ToLowerInvariant());
            if (streams.Count > 0 && streams.Count + own.Length > options.MaxStreamsPerConnection)
            {
                plans.Add(Plan(name, shard++, baseUrl, streams, books, interval));
                streams = [];
                books = [];
            }

            streams.AddRange(own);
            if (carriesBooks)
            {
                books.Add(symbol);
            }
        }

        if (streams.Count > 0)
        {
            plans.Add(Plan(name, shard, baseUrl, streams, books, interval));
        }
    }

    private static ConnectionPlan Plan(string name, int shard, string baseUrl, List<string> streams, List<string> books, TimeSpan interval) =>
        new($"{name}-{shard}", new Uri($"{baseUrl}/stream?streams={string.Join('/', streams)}"), [], books.ToArray())
        {
            SubscribeMessageInterval = interval,
        };

    /// <summary>
    /// Pause between client messages on one connection: spot/US accept 5 incoming messages per second (§1 "Limits"),
    /// USD-M/COIN-M 10 (§2) → 200 ms / 100 ms. Streams are subscribed in the URL, so this paces any later message.
    /// </summary>
    /// <param name="market">The market.</param>
    /// <returns>The interval.</returns>
    public static TimeSpan SubscribeIntervalOf(BinanceMarket market) =>
        TimeSpan.FromMilliseconds(market.IsFutures() ? 100 : 200);
}
