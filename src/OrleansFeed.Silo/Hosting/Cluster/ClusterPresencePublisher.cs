using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.Hosting;
using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.Silo.Hosting.Cluster;

/// <summary>
/// Every <see cref="SiloOptions.SupervisorInterval"/> publishes this silo's <see cref="SiloPresence"/> (its silo
/// address, API URL, the connectors and books active here) to <see cref="IClusterDirectoryGrain"/>, which
/// <c>GET /api/v1/cluster</c> reads. The first publication follows the API's start; a failed one is logged and retried.
/// </summary>
/// <param name="localSilo">This silo's address.</param>
/// <param name="server">Kestrel (its listening address is the API URL).</param>
/// <param name="connectors">Connectors active on this silo.</param>
/// <param name="books">Books active on this silo.</param>
/// <param name="silo">Silo settings (interval, advertised address).</param>
/// <param name="grains">Grain factory.</param>
/// <param name="clock">The silo's clock.</param>
/// <param name="logger">Logger.</param>
/// <param name="lifetime">The host's lifetime: the first publication waits for the API to listen, so it carries the URL.</param>
public sealed partial class ClusterPresencePublisher(ILocalSiloDetails localSilo, IServer server, ConnectorDirectory connectors, BookDirectory books, SiloOptions silo, IGrainFactory grains, TimeProvider clock, ILogger<ClusterPresencePublisher> logger, IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <summary>Publishes once.</summary>
    /// <returns>Completes when published.</returns>
    public Task PublishAsync() => grains.GetGrain<IClusterDirectoryGrain>(IClusterDirectoryGrain.Key).PublishAsync(new SiloPresence(
        localSilo.SiloAddress.ToString(),
        ApiUrl(),
        [.. connectors.Venues],
        [.. books.Books.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal)],
        Timestamp.Now(clock)));

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(silo.SupervisorInterval, clock);
        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
            }

            do
            {
                try
                {
                    await PublishAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPublishFailed(logger, ex.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    // Kestrel's bound address; a wildcard bind is named by the advertised address (or loopback) so another silo's
    // client can open it.
    private string? ApiUrl()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var host = string.IsNullOrEmpty(silo.AdvertisedAddress) ? "127.0.0.1" : silo.AdvertisedAddress;
        return address?.Replace("://0.0.0.0:", $"://{host}:", StringComparison.Ordinal)
            .Replace("://[::]:", $"://{host}:", StringComparison.Ordinal)
            .Replace("://+:", $"://{host}:", StringComparison.Ordinal)
            .TrimEnd('/');
    }

    [LoggerMessage(EventId = 2320, EventName = "ClusterPresenceFailed", Level = LogLevel.Warning, Message = "Cluster: could not publish this silo's presence ({Error}); retried next interval")]
    private static partial void LogPublishFailed(ILogger logger, string error);
}
