using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OrleansFeed.Api.Diagnostics;
using OrleansFeed.Grains.Abstractions;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.Health;

/// <summary>
/// Readiness: healthy when every configured book (<see cref="IConfiguredBooks"/>) answers
/// <see cref="IOrderBookGrain.GetSnapshotAsync"/> with <c>syncState = synced</c>; otherwise unhealthy, listing the books
/// not synced (a grain that throws counts as not synced). Registered as <see cref="Name"/> with tag <see cref="ReadyTag"/>.
/// </summary>
/// <param name="books">The configured books.</param>
/// <param name="grains">Grain factory.</param>
/// <param name="logger">Logger.</param>
public sealed class BooksSyncedHealthCheck(IConfiguredBooks books, IGrainFactory grains, ILogger<BooksSyncedHealthCheck> logger) : IHealthCheck
{
    /// <summary>Registration name: <c>books-synced</c>.</summary>
    public const string Name = "books-synced";

    /// <summary>Tag of checks that decide readiness: <c>ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Reads depth 1 of every configured book concurrently.</summary>
    /// <param name="context">Check context.</param>
    /// <param name="cancellationToken">Cancels the probe (books not yet answered count as not synced).</param>
    /// <returns>Healthy, or unhealthy with <c>notSynced</c> (string[] of book keys) in the data.</returns>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var keys = books.GetBooks().Select(k => k.ToString()).ToArray();
        var synced = await Task.WhenAll(keys.Select(k => IsSyncedAsync(k, cancellationToken)));
        var notSynced = keys.Where((_, i) => !synced[i]).ToArray();
        var data = new Dictionary<string, object> { ["books"] = keys.Length, ["notSynced"] = notSynced };
        return notSynced.Length == 0
            ? HealthCheckResult.Healthy($"{keys.Length} books synced.", data)
            : HealthCheckResult.Unhealthy($"{notSynced.Length} of {keys.Length} books not synced: {string.Join(", ", notSynced)}", data: data);
    }

    private async Task<bool> IsSyncedAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await grains.GetGrain<IOrderBookGrain>(key).GetSnapshotAsync(1).WaitAsync(cancellationToken);
            return !snapshot.IsStale;
        }
        catch (Exception ex)
        {
            ApiLog.ReadinessCheckFailed(logger, key, ex);
            return false;
        }
    }
}
