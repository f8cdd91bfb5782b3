using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>
/// Builds Kraken subscribe / unsubscribe frames for both API versions (shared/docs/exchange-protocols.md §4
/// "v2 messages" and "v1 differences") and maps a configured depth to one Kraken accepts.
/// </summary>
/// <remarks>
/// v1: <c>{"event":"subscribe","pair":["XBT/USD"],"subscription":{"name":"book","depth":10}}</c>;
/// v2: <c>{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":10,"snapshot":true}}</c>.
/// Pair names are respelled for the version (<see cref="KrakenSymbols.ForVersion"/>). Thread-safe (stateless).
/// </remarks>
public static class KrakenSubscriptions
{
    /// <summary>The largest book depth Kraken serves.</summary>
    public const int MaxDepth = 1000;

    /// <summary>Book depths Kraken accepts (§4: 10, 25, 100, 500, 1000; v2 default 10).</summary>
    public static ReadOnlySpan<int> AllowedDepths => [10, 25, 100, 500, 1000];

    /// <summary>The smallest allowed depth that holds <paramref name="requested"/> levels, capped at 1000.</summary>
    /// <param name="requested">Configured levels (<c>VenueOptions.DepthLimit</c>, 5..5000).</param>
    /// <returns>10, 25, 100, 500 or 1000.</returns>
    public static int BookDepth(int requested)
    {
        foreach (var depth in AllowedDepths)
        {
            if (requested <= depth)
            {
                return depth;
            }
        }

        return MaxDepth;
    }

    /// <summary>The frame subscribing (or unsubscribing) the book channel of some pairs.</summary>
    /// <param name="version">API version of the connection.</param>
    /// <param name="symbols">Pairs, any spelling (<c>XBT/USD</c> or <c>BTC/USD</c>).</param>
    /// <param name="depth">An allowed depth.</param>
    /// <param name="subscribe">True to subscribe, false to unsubscribe.</param>
    /// <returns>The JSON text frame.</returns>
    public static string Book(KrakenApiVersion version, IEnumerable<string> symbols, int depth, bool subscribe = true)
    {
        var pairs = PairList(version, symbols);
        var d = depth.ToString(CultureInfo.InvariantCulture);
        return version == KrakenApiVersion.V1
            ? $"{{\"event\":\"{Verb(subscribe)}\",\"pair\":{pairs},\"subscription\":{{\"name\":\"book\",\"depth\":{d}}}}}"
            : subscribe
                ? $"{{\"method\":\"subscribe\",\"params\":{{\"channel\":\"book\",\"symbol\":{pairs},\"depth\":{d},\"snapshot\":true}}}}"
                : $"{{\"method\":\"unsubscribe\",\"params\":{{\"channel\":\"book\",\"symbol\":{pairs},\"depth\":{d}}}}}";
    }

    /// <summary>The frame subscribing (or unsubscribing) the trade channel of some pairs (v2: no trade snapshot).</summary>
    /// <param name="version">API version.</param>
    /// <param name="symbols">Pairs, any spelling.</param>
    /// <param name="subscribe">True to subscribe.</param>
    /// <returns>The JSON text frame.</returns>
    public static string Trade(KrakenApiVersion version, IEnumerable<string> symbols, bool subscribe = true)
    {
        var pairs = PairList(version, symbols);
        return version == KrakenApiVersion.V1
            ? $"{{\"event\":\"{Verb(subscribe)}\",\"pair\":{pairs},\"subscription\":{{\"name\":\"trade\"}}}}"
            : subscribe
                ? $"{{\"method\":\"subscribe\",\"params\":{{\"channel\":\"trade\",\"symbol\":{pairs},\"snapshot\":false}}}}"
                : $"{{\"method\":\"unsubscribe\",\"params\":{{\"channel\":\"trade\",\"symbol\":{pairs}}}}}";
    }

    /// <summary>The frame subscribing (or unsubscribing) the ticker channel of some pairs: the venue's BBO and its rolling
    /// 24 h figures (open, high, low, last, volume), kept as a quality reference for our statistics.</summary>
    /// <param name="version">API version.</param>
    /// <param name="symbols">Pairs, any spelling.</param>
    /// <param name="subscribe">True to subscribe.</param>
    /// <returns>The JSON text frame.</returns>
    public static string Ticker(KrakenApiVersion version, IEnumerable<string> symbols, bool subscribe = true)
    {
        var pairs = PairList(version, symbols);
        return version == KrakenApiVersion.V1
            ? $"{{\"event\":\"{Verb(subscribe)}\",\"pair\":{pairs},\"subscription\":{{\"name\":\"ticker\"}}}}"
            : $"{{\"method\":\"{Verb(subscribe)}\",\"params\":{{\"channel\":\"ticker\",\"symbol\":{pairs}}}}}";
    }

    private static string Verb(bool subscribe) => subscribe ? "subscribe" : "unsubscribe";

    private static string PairList(KrakenApiVersion version, IEnumerable<string> symbols)
    {
        var builder = new StringBuilder("[");
        foreach (var symbol in symbols)
        {
            if (builder.Length > 1)
            {
                builder.Append(',');
            }

            builder.Append(JsonSerializer.Serialize(KrakenSymbols.ForVersion(symbol, version)));
        }

        return builder.Append(']').ToString();
    }
}
