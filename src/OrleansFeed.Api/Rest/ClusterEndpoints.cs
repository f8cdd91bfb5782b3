using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;
using Orleans.Runtime;
using OrleansFeed.Api.Contracts;
using OrleansFeed.Api.Contracts.Cluster;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Api.Rest;

/// <summary>
/// <c>GET /api/v1/cluster</c>: Orleans' membership (every silo and its status) joined with what each silo publishes to
/// <see cref="IClusterDirectoryGrain"/> (API URL, its connectors and books). Two grain calls, whatever the number of
/// books; the placement lists are at most one supervisor interval old (docs/cluster.md).
/// </summary>
internal static class ClusterEndpoints
{
    public static RouteGroupBuilder MapCluster(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cluster").WithTags("Cluster");
        group.MapGet("/", GetAsync).WithName("GetCluster");
        return group;
    }

    private static async Task<Ok<ClusterDto>> GetAsync(IGrainFactory grains)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
        var published = (await grains.GetGrain<IClusterDirectoryGrain>(IClusterDirectoryGrain.Key).GetSilosAsync())
            .ToDictionary(p => p.Silo, StringComparer.Ordinal);
        var statuses = hosts.ToDictionary(h => h.Key.ToString(), h => h.Value, StringComparer.Ordinal);
        var silos = new List<ClusterSiloDto>();
        var connectors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var books = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var address in statuses.Keys.Union(published.Keys).Order(StringComparer.Ordinal))
        {
            var status = statuses.TryGetValue(address, out var s) ? s : SiloStatus.None;
            published.TryGetValue(address, out var presence);
            // Only a live silo's report says where something runs now; a dead silo's last report is history.
            var live = status is SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Stopping;
            var siloConnectors = live ? presence?.Connectors ?? [] : [];
            var siloBooks = live ? presence?.Books ?? [] : [];
            foreach (var venue in siloConnectors)
            {
                connectors[venue] = address;
            }

            foreach (var book in siloBooks)
            {
                books[book] = address;
            }

            silos.Add(new ClusterSiloDto(address, StatusText(status), presence?.ApiUrl, siloConnectors, siloBooks, presence is null ? null : DtoMapper.Time(presence.PublishedAt)));
        }

        return TypedResults.Ok(new ClusterDto([.. silos], connectors, books));
    }

    private static string StatusText(SiloStatus status) => status switch
    {
        SiloStatus.Created or SiloStatus.Joining => "joining",
        SiloStatus.Active => "active",
        SiloStatus.ShuttingDown => "shuttingDown",
        SiloStatus.Stopping => "stopping",
        SiloStatus.Dead => "dead",
        _ => "unknown",
    };
}
