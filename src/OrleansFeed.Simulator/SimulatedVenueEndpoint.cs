using System.Globalization;

namespace OrleansFeed.Simulator;

/// <summary>
/// Where a connector finds one venue on a started <see cref="ExchangeSimulator"/>: the values for the venue's
/// <c>Feed:Venues:&lt;id&gt;:WebSocketUrl</c>, <c>RestUrl</c>, <c>Symbols</c> and, for the recorded book channel,
/// <c>BookChannel</c>/<c>DepthLimit</c> settings (docs/simulator.md).
/// </summary>
/// <param name="Venue">Venue id: <c>kraken</c>, <c>coinbase</c>, <c>okx</c>, <c>bybit</c>, <c>bitfinex</c>, <c>kucoin</c>, or
/// <c>binance</c> for every Binance market (spot, US, USD-M and COIN-M share the Binance routes).</param>
/// <param name="WebSocketUrl"><c>ws://127.0.0.1:&lt;port&gt;/&lt;venue&gt;</c> (Binance: the bare base, to which the connector
/// appends <c>/stream</c>, <c>/ws</c>, <c>/public</c> or <c>/market</c>).</param>
/// <param name="RestUrl"><c>http://127.0.0.1:&lt;port&gt;/&lt;venue&gt;</c> (Binance: the bare base). Only Binance and KuCoin
/// serve REST.</param>
/// <param name="Symbols">Symbols with recorded book or trade data the venue's connector can subscribe, as the venue spells them, sorted ordinally.</param>
public sealed record SimulatedVenueEndpoint(string Venue, Uri WebSocketUrl, Uri RestUrl, IReadOnlyList<string> Symbols)
{
    /// <summary>The recorded book channel a connector must subscribe (OKX <c>books-l2-tbt</c>); null = the venue default.</summary>
    public string? BookChannel { get; init; }

    /// <summary>
    /// The recorded depth a connector must subscribe or sync from: Kraken <c>book-1000</c> → 1000, Bitfinex <c>len</c>,
    /// Bybit v5 <c>orderbook.N</c>, KuCoin snapshot (20, 100, 0 = full book); null = the venue default.
    /// </summary>
    public int? DepthLimit { get; init; }

    /// <summary>
    /// The configuration keys that point the venue's connector at this endpoint: <c>Feed:Venues:&lt;Venue&gt;:</c>
    /// <c>Enabled</c> true, <c>WebSocketUrl</c>, <c>RestUrl</c>, <c>Symbols:i</c>, <c>LoadInstruments</c> false (the
    /// simulator serves no reference data) and, when recorded, <c>BookChannel</c>/<c>DepthLimit</c>. Not for
    /// <c>binance</c>, whose markets are separate venue ids sharing these routes.
    /// </summary>
    /// <returns>Key/value pairs for an in-memory configuration source.</returns>
    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        var prefix = $"Feed:Venues:{Venue}";
        yield return new($"{prefix}:Enabled", "true");
        yield return new($"{prefix}:WebSocketUrl", WebSocketUrl.ToString());
        yield return new($"{prefix}:RestUrl", RestUrl.ToString());
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
