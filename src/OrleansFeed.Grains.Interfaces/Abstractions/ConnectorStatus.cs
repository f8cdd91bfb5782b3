using Orleans;
namespace OrleansFeed.Grains.Abstractions;

/// <summary>State of one venue connector.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Connections">Open WebSocket connections.</param>
/// <param name="Reconnects">Reconnects since start.</param>
/// <param name="Frames">Frames received.</param>
/// <param name="RejectedFrames">Frames rejected by the parser.</param>
/// <param name="SnapshotRequests">REST snapshots requested.</param>
/// <param name="SnapshotFailures">REST snapshot requests that failed (HTTP error, bad body, 429/418).</param>
/// <param name="Symbols">Subscribed symbols.</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.ConnectorStatus")]
public sealed record ConnectorStatus(
    string Venue,
    int Connections,
    long Reconnects,
    long Frames,
    long RejectedFrames,
    long SnapshotRequests,
    long SnapshotFailures,
    string[] Symbols)
{
    /// <summary>Per-symbol resubscribes sent to get a fresh in-stream snapshot (Kraken, Coinbase, OKX, Bybit, Bitfinex resyncs).</summary>
    public long Resubscribes { get; init; }

    /// <summary>Rejected frames attributed to one symbol (native symbol → count); frames naming no symbol count only in <see cref="RejectedFrames"/>.</summary>
    public IReadOnlyDictionary<string, long> RejectedBySymbol { get; init; } = new Dictionary<string, long>();
}
