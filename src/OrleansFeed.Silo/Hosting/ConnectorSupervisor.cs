using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.Hosting;

namespace OrleansFeed.Silo.Hosting;

/// <summary>
/// Keeps the feed running whether or not anybody calls: every <see cref="SiloOptions.SupervisorInterval"/> it makes
/// sure every configured book is active and every configured connector is running (both are idempotent grain calls),
/// and logs each connector it had to restart. Connectors, books and aggregators are <c>[KeepAlive]</c>, so a restart
/// means something else deactivated them (an activation failure, a forced deactivation, a silo migration).
/// </summary>
/// <param name="feed">Configured venues.</param>
/// <param name="venues">Venue adapters.</param>
/// <param name="silo">Silo settings (the interval).</param>
/// <param name="grains">Grain factory.</param>
/// <param name="clock">The silo's clock.</param>
/// <param name="logger">Logger.</param>
public sealed partial class ConnectorSupervisor(IOptions<FeedOptions> feed, VenueRegistry venues, SiloOptions silo, IGrainFactory grains, TimeProvider clock, ILogger<ConnectorSupervisor> logger) : BackgroundService
{
    /// <summary>Connectors restarted since start.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    private long _restarts;

    /// <summary>One pass: every configured book active, every configured connector running.</summary>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>Completes when every grain answered or failed (failures are logged; the next pass retries).</returns>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var key in FeedStartupService.ConfiguredBooks(feed.Value, venues))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await grains.GetGrain<IOrderBookGrain>(key.ToString()).EnsureActiveAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(logger, key.ToString(), ex.Message);
            }
        }

        foreach (var (venue, _) in feed.Value.EnabledVenues)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await grains.GetGrain<IExchangeConnectorGrain>(venue).EnsureRunningAsync().ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _restarts);
                    LogRestarted(logger, venue);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(logger, venue, ex.Message);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(silo.SupervisorInterval, clock);
        try
        {
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

    [LoggerMessage(EventId = 2311, EventName = "SupervisorCheckFailed", Level = LogLevel.Warning, Message = "Supervisor: check of {Grain} failed ({Error}); retried on the next pass")]
    private static partial void LogCheckFailed(ILogger logger, string grain, string error);
}
