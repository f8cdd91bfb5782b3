using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansFeed.Bridge.Nats.Status;

/// <summary>
/// Readiness entry <c>nats-bridge</c> (tag <c>ready</c>): Healthy while the bridge is connected, Degraded while it is
/// not (the silo keeps serving its API; NATS consumers heal by snapshot once it is back). Never Unhealthy: NATS being
/// down must not take the silo out of a load balancer. The description carries the counters.
/// </summary>
/// <param name="status">The bridge's counters.</param>
public sealed class NatsBridgeHealthCheck(NatsBridgeStatus status) : IHealthCheck
{
    /// <summary>The check's registration name.</summary>
    public const string Name = "nats-bridge";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var c = status.Snapshot();
        var description = $"state={c.ConnectionState} published={c.Published} dropped_queue_full={c.DroppedQueueFull} dropped_disconnected={c.DroppedDisconnected} dropped_stream={c.DroppedStream} errors={c.PublishErrors} queue_depth={c.QueueDepth} jetstream_ready={c.JetStreamReady}";
        return Task.FromResult(c.Connected ? HealthCheckResult.Healthy(description) : HealthCheckResult.Degraded(description));
    }
}
