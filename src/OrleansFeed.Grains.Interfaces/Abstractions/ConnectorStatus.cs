using Orleans;
using OrleansFeed.Core.Connections;

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

    /// <summary>Rejected frames attributed to one book (native symbol → count); the book counts the same frames in its own <c>RejectedFrames</c>.</summary>
    public IReadOnlyDictionary<string, long> RejectedBySymbol { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Each planned connection's state, consecutive failed attempts, total failures, last error with its time and next
    /// retry (<see cref="ConnectionSnapshot"/>); empty before the connector starts.
    /// </summary>
    public IReadOnlyList<ConnectionSnapshot> ConnectionStates { get; init; } = [];

    /// <summary>
    /// Rejected frames no book counts: frames whose symbol could not be read (every book of their connection was marked
    /// unverified), frames naming a symbol without a book, rejected REST snapshots.
    /// <see cref="RejectedFrames"/> = the sum of <see cref="RejectedBySymbol"/> + this.
    /// </summary>
    public long UnattributedRejectedFrames { get; init; }

    /// <summary>WebSocket connections the connector plans (open or not).</summary>
    public int PlannedConnections { get; init; }

    /// <summary>Open connections that have sent every subscribe message of their plan.</summary>
    public int SubscribedConnections { get; init; }

    /// <summary>Subscribe messages sent since start, over every connect and reconnect.</summary>
    public long SubscribeMessagesSent { get; init; }
}
