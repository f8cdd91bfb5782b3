namespace OrleansFeed.Api.OpenApi;

/// <summary>Summary, description and a 200 example per operation id (the <c>WithName</c> of each endpoint), from docs/rest-api.md.</summary>
internal static class OperationDocs
{
    public static readonly IReadOnlyDictionary<string, (string Summary, string Description, string? Example)> ById =
        new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal)
        {
            ["GetInstruments"] = (
                "Every instrument served",
                "Ordered by venue then symbol. venue and symbol are the path segments of the per-book endpoints; instrument is the canonical name of the aggregation endpoints.",
                """[{"venue":"binance","symbol":"BTCUSDT","instrument":"BTC-USDT","kind":"spot","base":"BTC","quote":"USDT","tickSize":"0.01","lotSize":"0.00001","status":"trading"}]"""),
            ["GetBook"] = (
                "L2 snapshot of one venue's book",
                "Best levels first (bids highest first, asks lowest first); prices and sizes are the venue's exact decimal text. syncState 'synced' means verified by sequence or checksum; 'syncing' means stale while it is rebuilt (epoch increments on every rebuild).",
                """{"venue":"binance","symbol":"BTCUSDT","instrument":"BTC-USDT","syncState":"synced","stale":false,"epoch":1,"sequence":1,"lastUpdateId":1001,"exchangeTime":"2023-11-14T22:13:20.123456Z","receiveTime":"2023-11-14T22:13:20.223456Z","bids":[["100.10","1.5"],["100.00","2.000"]],"asks":[["100.20","0.5"],["100.3","3"]],"counters":{"messages":10,"applied":9,"gaps":0,"resyncs":0,"snapshotsLoaded":1,"duplicates":0,"crossedBooks":0,"checksumFailures":0,"rejectedFrames":0,"lastVerified":"2023-11-14T22:13:20.223456Z","checksumsVerified":0}}"""),
            ["GetTrades"] = (
                "Recent trades of one venue symbol, newest first",
                "side is the aggressor (taker) side: buy, sell or unknown; id is the venue trade id (0 when the venue sends none).",
                """[{"id":3,"price":"100.30","size":"1","side":"unknown","exchangeTime":"2023-11-14T22:13:20.123456Z","receiveTime":"2023-11-14T22:13:20.223456Z"}]"""),
            ["GetTicker"] = (
                "Best bid/ask, last trade and the venue's own BBO",
                "bestBid/bestAsk are null when that side is empty, lastTrade before the first trade, venueBbo when the venue sent no BBO message.",
                null),
            ["GetVenues"] = (
                "Connector and book health of every configured venue",
                "Connections, reconnects, frames, rejected frames, snapshot requests and failures; connection failures with the last error and its time; each planned connection's state (connecting, connected, retrying, stopped), failed attempts and next retry; per book its sync state, epoch, seconds since verified and counters.",
                null),
            ["GetCluster"] = (
                "The silo cluster: silos and where each connector and book runs",
                "Every silo of Orleans' membership with its status (joining, active, shuttingDown, stopping, dead) and API URL; venue → silo of its connector and book key → silo of the book, from the live silos' last reports (at most one supervisor interval old). One silo in the embedded mode.",
                """{"silos":[{"address":"S127.0.0.1:11111:123456789","status":"active","apiUrl":"http://127.0.0.1:5080","connectors":["kraken"],"books":["kraken:XBT/USD"],"publishedAt":"2023-11-14T22:13:20.123456Z"}],"connectors":{"kraken":"S127.0.0.1:11111:123456789"},"books":{"kraken:XBT/USD":"S127.0.0.1:11111:123456789"}}"""),
            ["GetVenue"] = (
                "Connector and book health of one venue",
                "As one element of GET /api/v1/venues; 404 for a venue that is not configured.",
                null),
            ["GetNbbo"] = (
                "Cross-venue NBBO of a canonical instrument",
                "Best bid and ask over the eligible venues with the venues at each price; locked (bid = ask) and crossed (bid > ask) flags; fee-adjusted prices; every venue's quote and eligibility (eligible, no-quote, unverified, stale, halted).",
                null),
            ["GetNbboLatency"] = (
                "NBBO update latency in microseconds",
                "From the triggering event's receive time (and exchange time) to publish: p50, p99, p99.9 and max over count published updates since the aggregator's activation.",
                null),
            ["GetConsolidatedDepth"] = (
                "Consolidated depth across the eligible venues",
                "Top N price levels per side merged across the NBBO-eligible venues, each with the venues and sizes at that price.",
                null),
            ["GetStats"] = (
                "24 h rolling statistics from trades",
                "Consolidated and per venue book, each venue's own 24 h ticker compared where it sends one (meaningful only when windowComplete is true).",
                null),
            ["GetCandles"] = (
                "OHLCV candles, oldest first",
                "Without start and end: the newest candles kept. The last may be the open candle (closed false); empty candles carry the previous close; amended marks a late-trade amendment.",
                null),
        };
}
