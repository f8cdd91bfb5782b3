using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OrleansFeed.Api.Contracts;
using OrleansFeed.Api.Diagnostics;
using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.Abstractions;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.Health;

/// <summary>
/// Readiness: healthy when every configured book (<see cref="IConfiguredBooks"/>) answers
/// <see cref="IOrderBookGrain.GetSnapshotAsync"/> with <c>syncState = synced</c>; otherwise unhealthy, listing the books
/// not synced (a grain that throws counts as not synced) grouped by venue, each with why: its connections' state,
/// failed attempts, last error and next retry from <see cref="IExchangeConnectorGrain.GetStatusAsync"/>, or "connections
/// open, books syncing". Registered as <see cref="Name"/> with tag <see cref="ReadyTag"/>.
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
    /// <returns>Healthy, or unhealthy with <c>notSynced</c> (string[] of book keys) and <c>venues</c> (venue → why) in the data.</returns>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var keys = books.GetBooks().Select(k => k.ToString()).ToArray();
        var synced = await Task.WhenAll(keys.Select(k => IsSyncedAsync(k, cancellationToken)));
        var notSynced = keys.Where((_, i) => !synced[i]).ToArray();
        var data = new Dictionary<string, object> { ["books"] = keys.Length, ["notSynced"] = notSynced };
        if (notSynced.Length == 0)
        {
            return HealthCheckResult.Healthy($"{keys.Length} books synced.", data);
        }

        var byVenue = books.GetBooks().Where(b => notSynced.Contains(b.ToString())).GroupBy(b => b.Venue, StringComparer.Ordinal).ToList();
        var reasons = await Task.WhenAll(byVenue.Select(g => WhyAsync(g.Key, cancellationToken)));
        var venues = byVenue.Select((g, i) => (g.Key, Text: $"{string.Join(", ", g)}: {reasons[i]}")).ToList();
        data["venues"] = venues.ToDictionary(v => v.Key, v => v.Text, StringComparer.Ordinal);
        return HealthCheckResult.Unhealthy($"{notSynced.Length} of {keys.Length} books not synced: {string.Join("; ", venues.Select(v => v.Text))}", data: data);
    }

    private async Task<string> WhyAsync(string venue, CancellationToken cancellationToken)
    {
        try
        {
            var status = await grains.GetGrain<IExchangeConnectorGrain>(venue).GetStatusAsync().WaitAsync(cancellationToken);
            return ConnectionMapper.Why(status) ?? "connections open, books syncing";
        }
        catch (Exception ex)
        {
            ApiLog.ReadinessCheckFailed(logger, venue, ex);
            return "connector status unavailable";
        }
    }

    private async Task<bool> IsSyncedAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await grains.GetGrain<IOrderBookGrain>(key).GetSnapshotAsync(1).WaitAsync(cancellationToken);

            // Ready = loaded and maintained. An unverifiable feed can never become synced, and an unverified book (a
            // rejected frame since its last proof) is proven again by its next update: neither takes the silo out of service.
            return snapshot.SyncState != BookSyncState.Syncing;
        }
        catch (Exception ex)
        {
            ApiLog.ReadinessCheckFailed(logger, key, ex);
            return false;
        }
    }
}
