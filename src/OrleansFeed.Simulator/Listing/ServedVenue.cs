using System.Globalization;

namespace OrleansFeed.Simulator.Listing;

/// <summary>
/// One venue id a silo can point at a running simulator, as listed by <c>GET /simulator/endpoints</c>
/// (docs/simulator.md#what-it-serves-get-simulatorendpoints): unlike <see cref="SimulatedVenueEndpoint"/>, each Binance
/// market recorded (<c>binance</c>, <c>binance-us</c>, <c>binance-futures</c>, <c>binance-coinm</c>) is its own entry
/// with its own symbols, because each is a separate venue section of the silo's configuration.
/// </summary>
/// <param name="Venue">The venue id of the silo's configuration section <c>Feed:Venues:&lt;Venue&gt;</c>.</param>
/// <param name="WebSocketUrl">The connector's <c>WebSocketUrl</c>, on the host and port the listing was asked on
/// (<c>ws://simulator:9001/kraken</c>; Binance markets: the bare base, no trailing slash).</param>
/// <param name="RestUrl">The connector's <c>RestUrl</c> (<c>http://simulator:9001/kucoin</c>; Binance: the bare base).</param>
/// <param name="Symbols">Symbols to subscribe, as the venue spells them, sorted ordinally; never empty in a listing.</param>
public sealed record ServedVenue(string Venue, Uri WebSocketUrl, Uri RestUrl, IReadOnlyList<string> Symbols)
{
    /// <summary>The recorded book channel a connector must subscribe (OKX <c>books-l2-tbt</c>); null = the venue default.</summary>
    public string? BookChannel { get; init; }

    /// <summary>The recorded depth (Kraken 1000, Bitfinex 25, Bybit v5 1, KuCoin 0 = full snapshot); null = the venue default.</summary>
    public int? DepthLimit { get; init; }

    /// <summary>Binance markets only: true when the recording used the 2026 USD-M <c>/public</c> and <c>/market</c>
    /// routes (the connector's <c>SplitRoutes</c>); null for every other venue.</summary>
    public bool? SplitRoutes { get; init; }

    /// <summary>
    /// The configuration keys that point the venue's connector here: <c>Feed:Venues:&lt;Venue&gt;:</c> <c>Enabled</c>
    /// true, <c>WebSocketUrl</c>, <c>RestUrl</c>, <c>LoadInstruments</c> false (the simulator serves no reference
    /// data), <c>BookChannel</c>/<c>DepthLimit</c>/<c>SplitRoutes</c> when set, and <c>Symbols:i</c>.
    /// </summary>
    /// <returns>Key/value pairs for an in-memory configuration source.</returns>
    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        var prefix = $"Feed:Venues:{Venue}";
        yield return new($"{prefix}:Enabled", "true");
        // Without the slash Uri adds to a bare base: the Binance connector appends /stream, /ws, /public itself.
        yield return new($"{prefix}:WebSocketUrl", WebSocketUrl.ToString().TrimEnd('/'));
        yield return new($"{prefix}:RestUrl", RestUrl.ToString().TrimEnd('/'));
        if (SplitRoutes is { } split)
        {
            yield return new($"{prefix}:SplitRoutes", split ? "true" : "false");
        }

        yield return new($"{prefix}:LoadInstruments", "false");
        if (BookChannel is not null)
        {
            yield return new($"{prefix}:BookChannel", BookChannel);
        }

        if (DepthLimit is { } depth)
        {
            yield return new($"{prefix}:DepthLimit", depth.ToString(CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < Symbols.Count; i++)
        {
            yield return new(string.Create(CultureInfo.InvariantCulture, $"{prefix}:Symbols:{i}"), Symbols[i]);
        }
    }
}
