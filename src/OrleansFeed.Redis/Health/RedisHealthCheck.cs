using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansFeed.Redis.Health;

/// <summary>
/// Readiness check for Redis: Healthy while connected, otherwise the registration's failure status (Degraded by
/// default in <see cref="Hosting.RedisHostingExtensions.AddRedisHealthCheck"/>, because the silo keeps serving
/// without Redis). Does not contact the server; reads <see cref="RedisHealth"/> and starts the lazy connect.
/// </summary>
public sealed class RedisHealthCheck : IHealthCheck
{
    private readonly RedisHealth _health;
    private readonly Connection.IRedisConnection _connection;

    /// <summary>Creates the check.</summary>
    /// <param name="health">The shared health state.</param>
    /// <param name="connection">The shared connection, started on the first check if not yet started.</param>
    public RedisHealthCheck(RedisHealth health, Connection.IRedisConnection connection)
    {
        _health = health;
        _connection = connection;
    }

    /// <summary>Reports the state with the counters as data; never throws.</summary>
    /// <param name="context">The check context; its registration's failure status is used when disconnected.</param>
    /// <param name="cancellationToken">Unused; the check completes synchronously.</param>
    /// <returns>The result.</returns>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        _connection.EnsureStarted();
        var s = _health.GetSnapshot();
        var data = new Dictionary<string, object>
        {
            ["connected"] = s.IsConnected,
            ["outages"] = s.Outages,
            ["lastValueWrites"] = s.LastValueWrites,
            ["lastValueWriteFailures"] = s.LastValueWriteFailures,
            ["lastValueCoalesced"] = s.LastValueCoalesced,
            ["lastValueDropped"] = s.LastValueDropped,
            ["lastValueKeys"] = s.LastValueKeys,
        };
        if (s.LastError is not null)
        {
            data["lastError"] = s.LastError;
        }

        var result = s.IsConnected
            ? HealthCheckResult.Healthy("Redis connected.", data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"Redis disconnected: {s.LastError ?? "not connected yet"}", data: data);
        return Task.FromResult(result);
    }
}
