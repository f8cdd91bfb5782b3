using OrleansFeed.Core.Connections;
using OrleansFeed.Exchanges.Common.Sessions;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Api.Contracts;

/// <summary>Maps connector connection diagnostics to the venue DTO and to the readiness text.</summary>
internal static class ConnectionMapper
{
    public static VenueConnectionDto ToDto(ConnectionSnapshot c) => new(
        c.Name, c.Host, StateName(c.State), c.FailedAttempts, c.Failures, c.LastError, DtoMapper.Time(c.LastErrorTime), DtoMapper.Time(c.NextRetry));

    public static string StateName(VenueConnectionState state) => state switch
    {
        VenueConnectionState.Connecting => "connecting",
        VenueConnectionState.Connected => "connected",
        VenueConnectionState.Retrying => "retrying",
        _ => "stopped",
    };

    /// <summary>The venue DTO with its connections' failures and the most recent error.</summary>
    public static VenueStatusDto WithConnections(VenueStatusDto dto, ConnectorStatus status)
    {
        var last = status.ConnectionStates.Where(c => c.LastError is not null).MaxBy(c => c.LastErrorTime.UnixMicroseconds);
        return dto with
        {
            ConnectionFailures = status.ConnectionStates.Sum(c => c.Failures),
            LastError = last?.LastError,
            LastErrorTime = last is null ? null : DtoMapper.Time(last.LastErrorTime),
            ConnectionStates = [.. status.ConnectionStates.Select(ToDto)],
        };
    }

    /// <summary>
    /// Why a venue's books are not ready, from its connections: e.g. <c>public-0 to ws.kraken.com:443 retrying: 3 failed
    /// attempts, last error at 2026-12-07T02:30:00.000000Z: Connection refused, next retry at …</c>; null when every
    /// connection is open (the books are then still syncing).
    /// </summary>
    public static string? Why(ConnectorStatus status)
    {
        var troubled = status.ConnectionStates.Where(c => c.State != VenueConnectionState.Connected).ToList();
        if (status.ConnectionStates.Count == 0)
        {
            return "connector not started";
        }

        if (troubled.Count == 0)
        {
            return null;
        }

        return string.Join("; ", troubled.Select(c =>
        {
            var text = $"{c.Name} to {c.Host} {StateName(c.State)}";
            if (c.FailedAttempts > 0)
            {
                text += $": {c.FailedAttempts} failed attempt(s)";
            }

            if (c.LastError is not null)
            {
                text += $", last error at {c.LastErrorTime}: {c.LastError}";
            }

            if (!c.NextRetry.IsNone)
            {
                text += $", next retry at {c.NextRetry}";
            }

            return text;
        }));
    }
}
