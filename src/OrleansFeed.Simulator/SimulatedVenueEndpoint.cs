namespace OrleansFeed.Simulator;

/// <summary>
/// Where a connector finds one venue on a started <see cref="ExchangeSimulator"/>: the values for the venue's
/// <c>Feed:Venues:&lt;id&gt;:WebSocketUrl</c>, <c>RestUrl</c> and <c>Symbols</c> settings (docs/simulator.md).
/// </summary>
/// <param name="Venue">Venue id: <c>kraken</c>, <c>coinbase</c>, <c>okx</c>, <c>bybit</c>, <c>bitfinex</c>, <c>kucoin</c>, or
/// <c>binance</c> for every Binance market (spot, US, USD-M and COIN-M share the Binance routes).</param>
/// <param name="WebSocketUrl"><c>ws://127.0.0.1:&lt;port&gt;/&lt;venue&gt;</c> (Binance: the bare base, to which the connector
/// appends <c>/stream</c>, <c>/ws</c>, <c>/public</c> or <c>/market</c>).</param>
/// <param name="RestUrl"><c>http://127.0.0.1:&lt;port&gt;/&lt;venue&gt;</c> (Binance: the bare base). Only Binance and KuCoin
/// serve REST.</param>
/// <param name="Symbols">Symbols with recorded book data, as the venue spells them, sorted ordinally.</param>
public sealed record SimulatedVenueEndpoint(string Venue, Uri WebSocketUrl, Uri RestUrl, IReadOnlyList<string> Symbols);
