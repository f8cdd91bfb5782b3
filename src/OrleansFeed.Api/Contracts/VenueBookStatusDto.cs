using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts;

/// <summary>One book's verification state and counters inside <see cref="VenueStatusDto"/>.</summary>
/// <param name="Symbol">Native symbol.</param>
/// <param name="Instrument">Canonical instrument.</param>
/// <param name="SyncState"><c>synced</c> (proven equal to the venue's), <c>unverified</c> (something since the last proof
/// could hide a lost update), <c>unverifiable</c> (the feed has no proof) or <c>syncing</c> (stale, being rebuilt); docs/errors.md#book-states.</param>
/// <param name="Epoch">Book epoch: incremented on every rebuild from a snapshot.</param>
/// <param name="SecondsSinceVerified">Seconds (3 decimals, never negative) since the last sequence/checksum verification; null before the first.</param>
/// <param name="RejectedFrames">Frames naming this symbol rejected by the parser (the book's own count).</param>
/// <param name="Counters">Messages, gaps, checksum failures and verifications, resyncs.</param>
public sealed record VenueBookStatusDto(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("instrument")] string Instrument,
    [property: JsonPropertyName("syncState")] string SyncState,
    [property: JsonPropertyName("epoch")] long Epoch,
    [property: JsonPropertyName("secondsSinceVerified")] decimal? SecondsSinceVerified,
    [property: JsonPropertyName("rejectedFrames")] long RejectedFrames,
    [property: JsonPropertyName("counters")] BookCountersDto Counters);
