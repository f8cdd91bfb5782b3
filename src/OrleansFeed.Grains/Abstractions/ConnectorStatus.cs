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
public sealed record ConnectorStatus(
    string Venue,
    int Connections,
    long Reconnects,
    long Frames,
    long RejectedFrames,
    long SnapshotRequests,
    long SnapshotFailures,
    string[] Symbols);
