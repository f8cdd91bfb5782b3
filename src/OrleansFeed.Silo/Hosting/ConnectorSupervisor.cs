using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.Hosting;
using OrleansFeed.Grains.Hosting.Cluster;

namespace OrleansFeed.Silo.Hosting;

/// <summary>
/// Keeps the feed running whether or not anybody calls: every <see cref="SiloOptions.SupervisorInterval"/> it makes
/// sure every configured connector is running somewhere (an idempotent grain call; the connector keeps its books active
/// beside it), and logs each connector it had to restart. It runs on every silo of a cluster: Orleans' single
/// activation per connector key makes every silo's call reach the same activation, so a venue is connected exactly
/// once, and a silo that dies has its connectors re-activated on a survivor by the next pass of any supervisor. In a
/// cluster the first placement waits for <see cref="SiloClusterOptions.ExpectedSilos"/> so connectors spread.
/// Connectors, books and aggregators are <c>[KeepAlive]</c>, so a restart means something else deactivated them (a
/// dead or stopping silo, an activation failure, a forced deactivation).
/// </summary>
/// <param name="feed">Configured venues.</param>
/// <param name="silo">Silo settings (the interval).</param>
/// <param name="cluster">Cluster settings (silos to wait for).</param>
/// <param name="grains">Grain factory.</param>
/// <param name="clock">The silo's clock.</param>
/// <param name="logger">Logger.</param>
/// <param name="aggregators">In a cluster, activated after each pass (after the books, so no aggregator places a book); null without aggregation.</param>
public sealed partial class ConnectorSupervisor(IOptions<FeedOptions> feed, SiloOptions silo, SiloClusterOptions cluster, IGrainFactory grains, TimeProvider clock, ILogger<ConnectorSupervisor> logger, AggregatorStartupService? aggregators = null) : BackgroundService
{
    /// <summary>Connectors restarted since start.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>True when the last pass found every configured connector running (somewhere in the cluster); false before the first pass.</summary>
    public bool AllConnectorsRunning => Volatile.Read(ref _allRunning);

    private long _restarts;
    private bool _allRunning;

    /// <summary>One pass: every configured connector running (each keeps its books active).</summary>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>Completes when every grain answered or failed (failures are logged; the next pass retries).</returns>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        // Each call bounded by SupervisorCallTimeout, so a connector whose silo left without answering holds the pass for
        // that long only, not for Orleans' response timeout (the placement itself is ConnectorSpreadPlacement's).
        var allRunning = true;
        foreach (var (venue, _) in feed.Value.EnabledVenues)
        {
            cancellationToken.ThrowIfCancellationRequested();
            allRunning &= await CheckOneAsync(venue, cancellationToken).ConfigureAwait(false);
        }
        Volatile.Write(ref _allRunning, allRunning);
        if (cluster.Enabled && allRunning && aggregators is not null)
        {
            // Idempotent: also re-activates the aggregators of a dead silo on a survivor.
            try
            {
                await aggregators.ActivateAllAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(logger, "aggregators", ex.Message);
            }
        }
    }

    private async Task<bool> CheckOneAsync(string venue, CancellationToken cancellationToken)
    {
        try
        {
            if (await grains.GetGrain<IExchangeConnectorGrain>(venue).EnsureRunningAsync().WaitAsync(silo.SupervisorCallTimeout, clock, cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _restarts);
                LogRestarted(logger, venue);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCheckFailed(logger, venue, ex.Message);
            return false;
        }
    }

    /// <summary>In a cluster: waits until <see cref="SiloClusterOptions.ExpectedSilos"/> silos are active, at most <see cref="SiloClusterOptions.FormationTimeout"/>.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>Completes when enough silos are active or the timeout passed.</returns>
    private async Task WaitForSilosAsync(CancellationToken cancellationToken)
    {
        if (!cluster.Enabled || cluster.ExpectedSilos <= 1)
        {
            return;
        }

        var deadline = clock.GetUtcNow() + cluster.FormationTimeout;
        var active = 0;
        while (clock.GetUtcNow() < deadline)
        {
            try
            {
                active = (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(false)).Count;
                if (active >= cluster.ExpectedSilos)
                {
                    LogFormed(logger, active);
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(logger, "membership", ex.Message);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, cancellationToken).ConfigureAwait(false);
        }

        LogFormationTimedOut(logger, active, cluster.ExpectedSilos);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(silo.SupervisorInterval, clock);
        try
        {
            await WaitForSilosAsync(stoppingToken).ConfigureAwait(false);
            if (cluster.Enabled)
            {
                // In a cluster nobody else starts the connectors: place them now rather than one interval later.
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }

            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    [LoggerMessage(EventId = 2310, EventName = "ConnectorRestarted", Level = LogLevel.Warning, Message = "Supervisor: connector {Venue} was not running; started it again")]
    private static partial void LogRestarted(ILogger logger, string venue);

    [LoggerMessage(EventId = 2312, EventName = "ClusterFormed", Level = LogLevel.Information, Message = "Supervisor: {Silos} silos active; placing connectors")]
    private static partial void LogFormed(ILogger logger, int silos);

    [LoggerMessage(EventId = 2313, EventName = "ClusterFormationTimedOut", Level = LogLevel.Warning, Message = "Supervisor: {Silos} of {Expected} expected silos active after Cluster:FormationTimeout; placing connectors on those")]
    private static partial void LogFormationTimedOut(ILogger logger, int silos, int expected);

    [LoggerMessage(EventId = 2311, EventName = "SupervisorCheckFailed", Level = LogLevel.Warning, Message = "Supervisor: check of {Grain} failed ({Error}); retried on the next pass")]
    private static partial void LogCheckFailed(ILogger logger, string grain, string error);
}
