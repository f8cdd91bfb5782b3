namespace OrleansFeed.Exchanges.Common.Venues;

/// <summary>Where a venue's book snapshot (the start of every book epoch) comes from.</summary>
public enum BookSnapshotSource : byte
{
    /// <summary>A REST depth request, aligned with buffered WebSocket diffs (Binance §1/§2, KuCoin §3).</summary>
    Rest,

    /// <summary>
    /// The WebSocket subscription itself sends a snapshot first (Kraken, Coinbase, OKX, Bybit, Bitfinex); a resync
    /// of one symbol unsubscribes and re-subscribes it on its open connection, leaving the other symbols untouched.
    /// </summary>
    Stream,
}
