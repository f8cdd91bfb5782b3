namespace OrleansFeed.Simulator.Venues;

/// <summary>
/// What a connector must subscribe to receive a venue's recorded book channel: the <c>Feed:Venues:&lt;id&gt;</c>
/// <c>BookChannel</c> and <c>DepthLimit</c> values (null = the venue default serves the recording).
/// </summary>
/// <param name="BookChannel">The recorded book channel's wire name (OKX <c>books-l2-tbt</c>), or null.</param>
/// <param name="DepthLimit">The recorded depth (Kraken <c>book-1000</c> → 1000, Bitfinex <c>len</c>, Bybit <c>orderbook.N</c>,
/// KuCoin snapshot: 20, 100 or 0 = full), or null.</param>
internal readonly record struct RecordedBookSettings(string? BookChannel = null, int? DepthLimit = null);
