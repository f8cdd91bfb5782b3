using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts;

/// <summary>Per-book sync counters, all counts since the book's activation.</summary>
/// <param name="Messages">Book events received.</param>
/// <param name="Applied">Diffs applied.</param>
/// <param name="Gaps">Sequence gaps detected.</param>
/// <param name="Resyncs">Times the book left the synced state.</param>
/// <param name="SnapshotsLoaded">Snapshots loaded.</param>
/// <param name="Duplicates">Stale diffs ignored.</param>
/// <param name="CrossedBooks">Crossed books detected.</param>
/// <param name="ChecksumFailures">Checksum mismatches.</param>
/// <param name="RejectedFrames">Frames the parser rejected.</param>
/// <param name="LastVerified">Receive time of the last verified update, ISO-8601 UTC µs; null when none.</param>
public sealed record BookCountersDto(
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("applied")] long Applied,
    [property: JsonPropertyName("gaps")] long Gaps,
    [property: JsonPropertyName("resyncs")] long Resyncs,
    [property: JsonPropertyName("snapshotsLoaded")] long SnapshotsLoaded,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("crossedBooks")] long CrossedBooks,
    [property: JsonPropertyName("checksumFailures")] long ChecksumFailures,
    [property: JsonPropertyName("rejectedFrames")] long RejectedFrames,
    [property: JsonPropertyName("lastVerified")] string? LastVerified)
{
    /// <summary>Venue checksums recomputed from the book and found equal (Kraken, OKX); 0 for venues without checksums.</summary>
    [JsonPropertyName("checksumsVerified")]
    public long ChecksumsVerified { get; init; }
}
