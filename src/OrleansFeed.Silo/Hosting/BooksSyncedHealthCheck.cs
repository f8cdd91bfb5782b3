using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.Silo.Hosting;

/// <summary>Readiness: healthy only when every configured book is synced; the description lists the ones that are not.</summary>
/// <param name="feed">Configured venues.</param>
/// <param name="directory">Live book states.</param>
public sealed class BooksSyncedHealthCheck(IOptions<FeedOptions> feed, BookDirectory directory) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var notSynced = FeedStartupService.ConfiguredBooks(feed.Value)
            .Where(k => !directory.Books.TryGetValue(k, out var status) || status.State != BookSyncState.Synced)
            .Select(k => k.ToString())
            .ToList();
        return Task.FromResult(notSynced.Count == 0
            ? HealthCheckResult.Healthy("All configured books are synced.")
            : HealthCheckResult.Unhealthy($"Not synced: {string.Join(", ", notSynced)}"));
    }
}
