namespace OrleansFeed.Api.OpenApi;

/// <summary>What each route or query parameter of the REST API means, with an example value; one table for every endpoint.</summary>
internal static class ParameterDocs
{
    /// <summary>Description and example by parameter name (names are the same in every endpoint that takes them).</summary>
    public static readonly IReadOnlyDictionary<string, (string Description, string Example)> ByName = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["venue"] = ("Venue id as configured (binance, binance-futures, kucoin, kraken, coinbase, okx, bybit, bitfinex, …); see GET /api/v1/venues.", "binance"),
        ["symbol"] = ("The venue's own symbol, as in GET /api/v1/instruments (a slash, as in Kraken's XBT/USD, may stay unescaped).", "BTCUSDT"),
        ["instrument"] = ("Canonical instrument BASE-QUOTE across venues, as in the 'canonical' field of GET /api/v1/instruments.", "BTC-USDT"),
        ["depth"] = ("Levels per side, best first; 1..Api:MaxDepth (default 5000); default Api:DefaultDepth (100).", "10"),
        ["levels"] = ("Consolidated levels per side; 1..1000; default 20.", "20"),
        ["limit"] = ("Most recent trades, newest first; 1..Api:MaxTradesLimit (default 1000); default Api:DefaultTradesLimit (100).", "50"),
        ["interval"] = ("Candle width: 1m, 5m, 15m, 1h, 4h or 1d; default 1m.", "1m"),
        ["start"] = ("First candle's open time, inclusive: Unix milliseconds or ISO-8601 UTC. Without start and end: the newest candles.", "2026-12-07T00:00:00Z"),
        ["end"] = ("End of the range, exclusive: Unix milliseconds or ISO-8601 UTC; at most 1000 intervals after start.", "2026-12-07T01:00:00Z"),
    };
}
