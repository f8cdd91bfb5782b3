using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansFeed.Grains.Storage;

namespace OrleansFeed.Grains.Hosting.Cluster;

/// <summary>The silo's membership and grain storage: Redis when <c>Cluster:Redis</c> is set, otherwise one localhost silo in memory.</summary>
internal static class ClusterSiloExtensions
{
    // Every cluster of this service shares one service id: grain state (aggregates, book epochs) survives a cluster restart.
    private const string ServiceId = "orleansfeed";

    /// <summary>
    /// Without Redis: localhost clustering and memory grain storage, as before. With Redis: Orleans Redis clustering and
    /// Redis grain storage (JSON state) on <see cref="SiloClusterOptions.Redis"/>, the membership timing of
    /// <see cref="SiloClusterOptions.Membership"/>, and endpoints advertised on <see cref="SiloOptions.AdvertisedAddress"/>
    /// (127.0.0.1 by default, so several silos on one machine find each other).
    /// </summary>
    public static ISiloBuilder UseFeedClustering(this ISiloBuilder silo, SiloOptions options, SiloClusterOptions cluster, int siloPort, int gatewayPort)
    {
        if (!cluster.Enabled)
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: ServiceId, clusterId: options.ClusterId);
            silo.Configure<EndpointOptions>(e => e.AdvertisedIPAddress = IPAddress.Loopback);
            silo.AddMemoryGrainStorageAsDefault(m => m.GrainStorageSerializer = new JsonGrainStateSerializer());
            return silo;
        }

        var address = options.AdvertisedAddress is { Length: > 0 } text ? IPAddress.Parse(text) : IPAddress.Loopback;
        silo.Configure<ClusterOptions>(c =>
        {
            c.ServiceId = ServiceId;
            c.ClusterId = options.ClusterId;
        });
        // A loopback address listens on loopback only; any other advertised address listens on every interface.
        silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
        silo.UseRedisClustering(cluster.Redis!);
        silo.AddRedisGrainStorageAsDefault(r =>
        {
            r.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(cluster.Redis!);
            r.GrainStorageSerializer = new JsonGrainStateSerializer();
        });
        var timing = cluster.Membership;
        silo.Configure<ClusterMembershipOptions>(m =>
        {
            m.ProbeTimeout = timing.ProbeTimeout;
            m.MinProbeTimeout = timing.MinProbeTimeout;
            m.MaxProbeTimeout = timing.MaxProbeTimeout;
            m.NumMissedProbesLimit = timing.NumMissedProbesLimit;
            m.EnableConnectionLivenessCheck = timing.EnableConnectionLivenessCheck;
        });
        return silo;
    }
}
