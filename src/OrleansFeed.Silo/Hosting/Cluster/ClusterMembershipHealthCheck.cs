using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using OrleansFeed.Api.Health;

namespace OrleansFeed.Silo.Hosting.Cluster;

/// <summary>
/// Readiness of one silo of a cluster (<c>Cluster:Redis</c>), without a grain call: healthy when Orleans' membership
/// lists this silo as active and the last pass of this silo's <see cref="ConnectorSupervisor"/> found every configured
/// connector running somewhere in the cluster. Registered as <see cref="Name"/>, tag <c>ready</c>; the books this silo
/// holds are checked by the <c>books-synced</c> check.
/// </summary>
/// <param name="membership">Orleans' membership view of this silo.</param>
/// <param name="localSilo">This silo's address.</param>
/// <param name="supervisor">This silo's supervisor.</param>
public sealed class ClusterMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo, ConnectorSupervisor supervisor) : IHealthCheck
{
    /// <summary>Registration name: <c>cluster</c>.</summary>
    public const string Name = "cluster";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(localSilo.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var data = new Dictionary<string, object> { ["silo"] = localSilo.SiloAddress.ToString(), ["status"] = status.ToString(), ["activeSilos"] = active };
        if (status != SiloStatus.Active)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"This silo is {status} in the cluster, not active.", data: data));
        }

        return Task.FromResult(supervisor.AllConnectorsRunning
            ? HealthCheckResult.Healthy($"Active, one of {active} active silos; every connector running.", data)
            : HealthCheckResult.Unhealthy("Active, but not every configured connector is running in the cluster yet (see the log of the connector supervisor).", data: data));
    }

    /// <summary>Tag of checks that decide readiness (<see cref="BooksSyncedHealthCheck.ReadyTag"/>).</summary>
    public const string ReadyTag = BooksSyncedHealthCheck.ReadyTag;
}
