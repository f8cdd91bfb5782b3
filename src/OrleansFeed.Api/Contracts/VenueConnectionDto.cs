using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts;

/// <summary>One planned venue connection (<c>connectionStates</c> of <c>GET /api/v1/venues</c>).</summary>
/// <param name="Name">Plan name, e.g. <c>public-0</c>; unique within the venue only.</param>
/// <param name="Host">Host (and port) it connects to.</param>
/// <param name="State"><c>connecting</c>, <c>connected</c>, <c>retrying</c> or <c>stopped</c>.</param>
/// <param name="FailedAttempts">Consecutive failed attempts since the last successful connect (0 while connected).</param>
/// <param name="Failures">Failed attempts and lost connections since start.</param>
/// <param name="LastError">The last failure's reason; null when none.</param>
/// <param name="LastErrorTime">When it happened (ISO-8601 UTC, µs); null when none.</param>
/// <param name="NextRetry">When the next attempt is due while retrying (ISO-8601 UTC, µs); otherwise null.</param>
public sealed record VenueConnectionDto(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("failedAttempts")] int FailedAttempts,
    [property: JsonPropertyName("failures")] long Failures,
    [property: JsonPropertyName("lastError")] string? LastError,
    [property: JsonPropertyName("lastErrorTime")] string? LastErrorTime,
    [property: JsonPropertyName("nextRetry")] string? NextRetry);
