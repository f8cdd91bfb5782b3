using Microsoft.Extensions.DependencyInjection;
using Orleans;
using OrleansFeed.Api.Health;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.Hosting.Cluster;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;

namespace OrleansFeed.Silo.Commands;

/// <summary>
/// Holds the simulator's playback of <c>run --simulate</c> until the silo has subscribed everything it plans to: every
/// connector's connections are open and have sent their subscribe messages, and the simulator has handled them. Without
/// it the playback raced the silo's start-up: frames played before a subscription were lost for good (trades have no
/// catch-up), and an in-stream book got one catch-up snapshot instead of the recorded ones, so results depended on
/// <c>--speed</c> and on the machine's load.
/// </summary>
internal static class SimulatorPlaybackGate
{
    /// <summary>How often the connectors and the simulator are polled while waiting.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>After this long the playback starts anyway (a venue that cannot connect must not hold the others).</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    /// <summary>Waits for the subscriptions, then resumes the (paused) playback.</summary>
    /// <param name="services">The started silo's services.</param>
    /// <param name="simulator">The paused simulator.</param>
    /// <param name="cancellationToken">Cancels waiting (the playback then stays paused).</param>
    /// <returns>True when every subscription was seen; false when <see cref="MaxWait"/> ran out first.</returns>
    public static Task<bool> OpenWhenSubscribedAsync(IServiceProvider services, ExchangeSimulator simulator, CancellationToken cancellationToken) =>
        OpenWhenSubscribedAsync([services], simulator, cancellationToken);

    /// <summary>
    /// Waits until every silo of <paramref name="silos"/> subscribed everything (the simulator has handled their subscribe
    /// messages together), then resumes the (paused) playback: several silos sharing one simulator from its first frame.
    /// </summary>
    /// <param name="silos">The started silos' services (each with its own grains and configured books).</param>
    /// <param name="simulator">The paused simulator.</param>
    /// <param name="cancellationToken">Cancels waiting (the playback then stays paused).</param>
    /// <returns>True when every subscription was seen; false when <see cref="MaxWait"/> ran out first.</returns>
    public static async Task<bool> OpenWhenSubscribedAsync(IReadOnlyList<IServiceProvider> silos, ExchangeSimulator simulator, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(MaxWait);
        var complete = false;
        try
        {
            var connectors = new List<IExchangeConnectorGrain>();
            foreach (var services in silos)
            {
                var grains = services.GetRequiredService<IGrainFactory>();
                IEnumerable<string> venues = services.GetRequiredService<IConfiguredBooks>().GetBooks().Select(b => b.Venue).Distinct(StringComparer.Ordinal).ToList();
                if (services.GetRequiredService<SiloClusterOptions>().Enabled)
                {
                    // In a cluster this simulator serves only the connectors placed on this silo: wait until the supervisor
                    // placed them all (a status call before would place a connector here, not spread), then wait for ours.
                    var supervisor = services.GetRequiredService<ConnectorSupervisor>();
                    while (!supervisor.AllConnectorsRunning)
                    {
                        await Task.Delay(PollInterval, limit.Token).ConfigureAwait(false);
                    }

                    var local = services.GetRequiredService<ConnectorDirectory>();
                    venues = [.. venues.Where(local.Contains)];
                }

                connectors.AddRange(venues.Select(v => grains.GetGrain<IExchangeConnectorGrain>(v)));
            }

            long messages;
            while (true)
            {
                var statuses = await Task.WhenAll(connectors.Select(c => c.GetStatusAsync())).ConfigureAwait(false);
                if (statuses.All(s => s.SubscribedConnections >= s.PlannedConnections))
                {
                    messages = statuses.Sum(s => s.SubscribeMessagesSent);
                    break;
                }

                await Task.Delay(PollInterval, limit.Token).ConfigureAwait(false);
            }

            while (simulator.MessagesReceived < messages)
            {
                await Task.Delay(PollInterval, limit.Token).ConfigureAwait(false);
            }

            complete = true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // MaxWait ran out: start anyway.
        }

        simulator.Resume();
        return complete;
    }
}
