using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts;

/// <summary>One venue's connector and book health (<c>GET /api/v1/venues</c>, <c>GET /api/v1/venues/{venue}</c>).</summary>
/// <param name="Venue">Venue id, e.g. <c>kraken</c>.</param>
/// <param name="Connections">WebSocket connections open now.</param>
/// <param name="Reconnects">Connections lost and re-opened since start.</param>
/// <param name="Frames">Frames received since start.</param>
/// <param name="RejectedFrames">Frames rejected as malformed or over limits since start: the sum of every book's
/// <c>rejectedFrames</c> plus <see cref="UnattributedRejectedFrames"/> (docs/errors.md#counters).</param>
/// <param name="SnapshotRequests">REST snapshot requests sent (REST-snapshot venues).</param>
/// <param name="SnapshotFailures">REST snapshot requests that failed.</param>
/// <param name="Resubscribes">Per-symbol resubscribes sent to get an in-stream snapshot (stream-snapshot venues).</param>
/// <param name="Books">Per-symbol book counters.</param>
public sealed record VenueStatusDto(
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("connections")] int Connections,
    [property: JsonPropertyName("reconnects")] long Reconnects,
    [property: JsonPropertyName("frames")] long Frames,
    [property: JsonPropertyName("rejectedFrames")] long RejectedFrames,
    [property: JsonPropertyName("snapshotRequests")] long SnapshotRequests,
    [property: JsonPropertyName("snapshotFailures")] long SnapshotFailures,
    [property: JsonPropertyName("resubscribes")] long Resubscribes,
    [property: JsonPropertyName("books")] IReadOnlyList<VenueBookStatusDto> Books)
{
    /// <summary>Failed connect attempts and lost connections since start, all connections together.</summary>
    [JsonPropertyName("connectionFailures")]
    public long ConnectionFailures { get; init; }

    /// <summary>The most recent connection error of any connection, e.g. <c>Connection refused (127.0.0.1:9)</c>; null when none.</summary>
    [JsonPropertyName("lastError")]
    public string? LastError { get; init; }

    /// <summary>When <see cref="LastError"/> happened (ISO-8601 UTC, µs); null when none.</summary>
    [JsonPropertyName("lastErrorTime")]
    public string? LastErrorTime { get; init; }

    /// <summary>Each planned connection: name, host, state, failed attempts, last error and next retry.</summary>
    [JsonPropertyName("connectionStates")]
    public IReadOnlyList<VenueConnectionDto> ConnectionStates { get; init; } = [];

    /// <summary>Rejected frames no book counts: no readable symbol (every book of the connection became unverified), a symbol without a book, a rejected REST snapshot.</summary>
    [JsonPropertyName("unattributedRejectedFrames")]
    public long UnattributedRejectedFrames { get; init; }
}
