namespace OrleansFeed.Exchanges.Kraken;

/// <summary>The Kraken spot WebSocket API generation a connection speaks (shared/docs/exchange-protocols.md §4).</summary>
public enum KrakenApiVersion : byte
{
    /// <summary>v1 (<c>wss://ws.kraken.com</c>): array frames, <c>XBT/USD</c> pair names, <c>c</c> checksum on updates only. Frozen by Kraken.</summary>
    V1,

    /// <summary>v2 (<c>wss://ws.kraken.com/v2</c>): object frames, <c>BTC/USD</c> symbols, <c>checksum</c> on snapshots and updates. Recommended.</summary>
    V2,
}
