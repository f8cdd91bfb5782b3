using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using OrleansFeed.Core.Books;
using OrleansFeed.Grains.OrderBooks;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;
using OrleansFeed.TestKit.Simulation;
using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.TestKit.Orleans;

/// <summary>
/// The whole service in process against recorded traffic: one exchange simulator per <see cref="SimulatedSession"/>
/// and the real silo built by <see cref="SiloHost.Build"/> (Kestrel on a free port) with its venues pointed at them.
/// </summary>
public sealed class SimulatedSilo : IAsyncDisposable
{
    private static readonly Dictionary<string, string?> CommonSettings = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private SimulatedSilo(IReadOnlyList<SimulatedVenue> venues, IReadOnlyList<ExchangeSimulator> simulators, WebApplication silo)
    {
        Venues = venues;
        Simulators = simulators;
        Silo = silo;
        var address = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Api = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>Every configured venue with its simulator and symbols.</summary>
    public IReadOnlyList<SimulatedVenue> Venues { get; }

    /// <summary>One simulator per session, in session order.</summary>
    public IReadOnlyList<ExchangeSimulator> Simulators { get; }

    /// <summary>The simulator of a one-session silo.</summary>
    /// <exception cref="InvalidOperationException">More than one session.</exception>
    public ExchangeSimulator Simulator => Simulators.Single();

    /// <summary>The venue id of a one-venue silo.</summary>
    /// <exception cref="InvalidOperationException">More than one venue.</exception>
    public string Venue => Venues.Single().Venue;

    /// <summary>The symbols configured for the venue of a one-venue silo.</summary>
    /// <exception cref="InvalidOperationException">More than one venue.</exception>
    public IReadOnlyList<string> Symbols => Venues.Single().Symbols;

    /// <summary>The running silo (its services, its lifetime).</summary>
    public WebApplication Silo { get; }

    /// <summary>The silo's HTTP base address (<c>http://127.0.0.1:&lt;port&gt;</c>).</summary>
    public Uri Api { get; }

    /// <summary>The silo's grain factory.</summary>
    public IGrainFactory Grains => Silo.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's book directory (sync state of every book).</summary>
    public BookDirectory Books => Silo.Services.GetRequiredService<BookDirectory>();

    /// <summary>Starts the simulators, then the silo, then playback as <paramref name="start"/> says.</summary>
    /// <param name="sessions">One simulator each.</param>
    /// <param name="cancellationToken">Bounds the start.</param>
    /// <param name="start">When playback starts.</param>
    /// <param name="playbackSpeed">Simulator speed (0 = as fast as possible, 1 = recorded pace).</param>
    /// <param name="settings">Extra silo settings (e.g. <c>Aggregation:*</c>); they override the fixture's.</param>
    /// <returns>The running silo.</returns>
    public static async Task<SimulatedSilo> StartAsync(
        IReadOnlyList<SimulatedSession> sessions,
        CancellationToken cancellationToken,
        PlaybackStart start = PlaybackStart.WhenConnected,
        double playbackSpeed = 0,
        IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var simulators = new List<ExchangeSimulator>();
        var venues = new List<SimulatedVenue>();
        var all = new Dictionary<string, string?>(CommonSettings);
        try
        {
            foreach (var session in sessions)
            {
                var simulator = ExchangeSimulator.FromFiles(session.Files, new SimulatorOptions { MaxSendQueue = TestSimulator.MaxSendQueue, PlaybackSpeed = playbackSpeed });
                simulators.Add(simulator);
                if (start != PlaybackStart.Immediately)
                {
                    simulator.Pause();
                }

                await simulator.StartAsync(cancellationToken);
                venues.AddRange(Configure(session, simulator, all));
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }

            return await StartSiloAsync(sessions, simulators, venues, all, start, cancellationToken);
        }
        catch
        {
            foreach (var simulator in simulators)
            {
                await simulator.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Starts the silo on an already started simulator and the settings that point the venues at it (what
    /// <c>run --simulate</c> computes); playback is left to the caller. The fixture disposes the simulator.
    /// </summary>
    /// <param name="simulator">A started simulator.</param>
    /// <param name="settings">The silo's settings.</param>
    /// <param name="cancellationToken">Bounds the start.</param>
    /// <returns>The running silo.</returns>
    public static async Task<SimulatedSilo> StartAsync(ExchangeSimulator simulator, IEnumerable<KeyValuePair<string, string?>> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(settings);
        var all = new Dictionary<string, string?>(CommonSettings);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var venues = simulator.Endpoints().Select(e => new SimulatedVenue(e.Venue, simulator, e.Symbols)).ToList();
        try
        {
            return await StartSiloAsync([], [simulator], venues, all, PlaybackStart.Immediately, cancellationToken);
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the silo with no simulator, for tests of the host's own configuration (security, bind address, a venue
    /// nobody serves): the fixture's settings plus <paramref name="settings"/>, Kestrel on <paramref name="port"/>.
    /// </summary>
    /// <param name="settings">The silo's settings; they override the fixture's (e.g. <c>Logging:LogLevel:Default</c>).</param>
    /// <param name="cancellationToken">Bounds the start.</param>
    /// <param name="port">The API port; 0 picks a free one. A fixed port lets a test start a second silo where the first one was.</param>
    /// <returns>The running silo; it has no simulators and no <see cref="Venues"/>.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The settings are refused (thrown before anything listens).</exception>
    public static Task<SimulatedSilo> StartConfiguredAsync(IEnumerable<KeyValuePair<string, string?>> settings, CancellationToken cancellationToken, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var all = new Dictionary<string, string?>(CommonSettings);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return StartSiloAsync([], [], [], all, PlaybackStart.Immediately, cancellationToken, port);
    }

    /// <summary>True when the book of <paramref name="symbol"/> on <paramref name="venue"/> is synced.</summary>
    /// <param name="venue">Venue id.</param>
    /// <param name="symbol">Symbol as the venue spells it.</param>
    /// <returns>Whether the book directory lists it as synced.</returns>
    public bool IsSynced(string venue, string symbol) =>
        Books.Books.TryGetValue(new(venue, symbol), out var status) && status.State == BookSyncState.Synced;

    /// <summary>True when the book of <paramref name="symbol"/> of a one-venue silo is synced.</summary>
    /// <param name="symbol">Symbol as the venue spells it.</param>
    /// <returns>Whether the book directory lists it as synced.</returns>
    public bool IsSynced(string symbol) => IsSynced(Venue, symbol);

    /// <summary>
    /// Barrier, then play: waits until <paramref name="clients"/> WebSocket clients are connected to the (one)
    /// simulator and every symbol of each listed venue is subscribed on each listed channel (trade and ticker frames
    /// are not caught up, so a late subscription would miss some), then resumes playback.
    /// </summary>
    /// <param name="clients">Connections to wait for.</param>
    /// <param name="channels">Channels per venue id.</param>
    /// <param name="cancellationToken">Bounds the wait.</param>
    /// <returns>Completes when playback has been resumed.</returns>
    public async Task PlayWhenSubscribedAsync(int clients, IReadOnlyDictionary<string, string[]> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        await Simulator.WaitForClientsAsync(clients, cancellationToken);
        foreach (var (venue, names) in channels)
        {
            var symbols = Simulator.Endpoints().Single(e => e.Venue == venue).Symbols;
            await Poll.UntilAsync(
                () =>
                {
                    var held = Simulator.SubscriptionsOf(venue).ToHashSet();
                    return names.All(c => symbols.All(s => held.Contains((c, s))));
                },
                $"{venue} subscribed {string.Join(",", names)} for {symbols.Count} symbols",
                cancellationToken);
        }

        Simulator.Resume();
    }

    /// <summary>Waits until every simulator has played its whole capture and every configured book is synced.</summary>
    /// <param name="cancellationToken">Bounds the wait.</param>
    /// <returns>Completes when all books are synced.</returns>
    public async Task WaitForPlaybackAndSyncAsync(CancellationToken cancellationToken)
    {
        foreach (var simulator in Simulators)
        {
            await simulator.PlaybackCompleted.WaitAsync(cancellationToken);
        }

        foreach (var venue in Venues)
        {
            await Poll.UntilAsync(() => venue.Symbols.All(s => IsSynced(venue.Venue, s)), $"{venue.Venue} books synced", cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Silo.StopAsync(CancellationToken.None);
            await Silo.DisposeAsync();
        }
        finally
        {
            foreach (var simulator in Simulators)
            {
                await simulator.DisposeAsync();
            }
        }
    }

    private static async Task<SimulatedSilo> StartSiloAsync(
        IReadOnlyList<SimulatedSession> sessions,
        IReadOnlyList<ExchangeSimulator> simulators,
        IReadOnlyList<SimulatedVenue> venues,
        Dictionary<string, string?> settings,
        PlaybackStart start,
        CancellationToken cancellationToken,
        int port = 0)
    {
        var silo = SiloHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), port);
        try
        {
            await silo.StartAsync(cancellationToken);
            if (start == PlaybackStart.WhenConnected)
            {
                for (var i = 0; i < sessions.Count; i++)
                {
                    if (sessions[i].IsBinanceMarket)
                    {
                        await simulators[i].WaitForClientsAsync(sessions[i].SplitRoutes ? 2 : 1, cancellationToken);
                    }

                    simulators[i].Resume();
                }
            }
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return new SimulatedSilo(venues, simulators, silo);
    }

    private static List<SimulatedVenue> Configure(SimulatedSession session, ExchangeSimulator simulator, Dictionary<string, string?> settings)
    {
        var venues = new List<SimulatedVenue>();
        if (session.IsBinanceMarket)
        {
            var venue = session.BinanceVenue();
            var section = $"Feed:Venues:{venue}";
            settings[$"{section}:WebSocketUrl"] = simulator.WebSocketBaseUri.ToString().TrimEnd('/');
            settings[$"{section}:RestUrl"] = simulator.BaseUri.ToString().TrimEnd('/');
            settings[$"{section}:DepthLimit"] = "5000";
            settings[$"{section}:LoadInstruments"] = "false";
            settings[$"{section}:SplitRoutes"] = session.SplitRoutes ? "true" : "false";
            AddReconnectDelays(settings, section);
            var symbols = simulator.SnapshotSymbols;
            for (var i = 0; i < symbols.Count; i++)
            {
                settings[$"{section}:Symbols:{i.ToString(CultureInfo.InvariantCulture)}"] = symbols[i];
            }

            venues.Add(new SimulatedVenue(venue, simulator, symbols));
            return venues;
        }

        foreach (var endpoint in simulator.Endpoints().Where(e => session.Venue is null || e.Venue == session.Venue))
        {
            var section = $"Feed:Venues:{endpoint.Venue}";
            foreach (var (key, value) in endpoint.Settings())
            {
                settings[key] = value;
            }

            AddReconnectDelays(settings, section);
            foreach (var (key, value) in session.VenueSettings.TryGetValue(endpoint.Venue, out var extra) ? extra : new Dictionary<string, string>())
            {
                settings[$"{section}:{key}"] = value;
            }

            venues.Add(new SimulatedVenue(endpoint.Venue, simulator, endpoint.Symbols));
        }

        return venues.Count > 0 ? venues : throw new InvalidOperationException($"The recordings serve no venue {session.Venue}.");
    }

    /// <summary>Fast reconnects: fault tests drop connections and expect the connector back within the test's bound.</summary>
    private static void AddReconnectDelays(Dictionary<string, string?> settings, string section)
    {
        settings[$"{section}:ReconnectMinDelay"] = "00:00:00.050";
        settings[$"{section}:ReconnectMaxDelay"] = "00:00:00.200";
    }
}
