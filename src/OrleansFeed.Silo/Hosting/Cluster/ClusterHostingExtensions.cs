using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Orleans;
using OrleansFeed.Api.Health;
using OrleansFeed.Grains.Hosting.Cluster;

namespace OrleansFeed.Silo.Hosting.Cluster;

/// <summary>The silo's part of the cluster view and, with <c>Cluster:Redis</c>, its per-silo readiness (docs/cluster.md).</summary>
public static class ClusterHostingExtensions
{
    /// <summary>
    /// Always: the <see cref="ClusterPresencePublisher"/> (one silo is a cluster of one for <c>GET /api/v1/cluster</c>).
    /// With <c>Cluster:Redis</c>: the <see cref="ClusterMembershipHealthCheck"/>, and the <c>books-synced</c> readiness
    /// check restricted to the books this silo holds (<see cref="LocalConfiguredBooks"/>). Call after
    /// <c>AddOrleansFeedBooksSynced</c> and the <see cref="ConnectorSupervisor"/>'s registration.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="configuration">The silo configuration (the <c>Cluster</c> section).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddFeedCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHostedService<ClusterPresencePublisher>();
        if (string.IsNullOrWhiteSpace(configuration[$"{SiloClusterOptions.SectionName}:{nameof(SiloClusterOptions.Redis)}"]))
        {
            return services;
        }

        services.AddSingleton<FeedConfiguredBooks>();
        services.AddSingleton<LocalConfiguredBooks>();
        services.AddHealthChecks().AddCheck<ClusterMembershipHealthCheck>(ClusterMembershipHealthCheck.Name, tags: [ClusterMembershipHealthCheck.ReadyTag]);
        services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var registration in o.Registrations.Where(r => r.Name == BooksSyncedHealthCheck.Name))
            {
                registration.Factory = sp => new BooksSyncedHealthCheck(sp.GetRequiredService<LocalConfiguredBooks>(), sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<ILogger<BooksSyncedHealthCheck>>());
            }
        });
        return services;
    }
}
