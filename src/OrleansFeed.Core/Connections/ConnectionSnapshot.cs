using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Connections;

/// <summary>A copy of one venue connection's diagnostics (the connector's <c>ConnectionDiagnostics</c>): served by <c>/api/v1/venues</c> and readiness.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Name">Plan name (e.g. <c>public-0</c>), unique within the venue.</param>
/// <param name="Host">Host (and port) connected to.</param>
/// <param name="State">Current state.</param>
/// <param name="FailedAttempts">Consecutive failed attempts since the last successful connect (0 while connected).</param>
/// <param name="Failures">Failed attempts and lost connections since start.</param>
/// <param name="LastError">The last failure's reason; null when none yet.</param>
/// <param name="LastErrorTime">When it happened (UTC, µs); <see cref="Timestamp.None"/> when none.</param>
/// <param name="NextRetry">When the next attempt is due while <see cref="VenueConnectionState.Retrying"/>; otherwise <see cref="Timestamp.None"/>.</param>
public sealed record ConnectionSnapshot(
    string Venue,
    string Name,
    string Host,
    VenueConnectionState State,
    int FailedAttempts,
    long Failures,
    string? LastError,
    Timestamp LastErrorTime,
    Timestamp NextRetry);
