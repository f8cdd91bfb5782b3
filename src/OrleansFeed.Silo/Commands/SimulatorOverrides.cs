using Microsoft.Extensions.Configuration;
using OrleansFeed.Simulator;
using OrleansFeed.Simulator.Listing;

namespace OrleansFeed.Silo.Commands;

/// <summary>
/// The configuration overrides of <c>run --simulate</c>: every venue present in the captures is pointed at the
/// simulator (<see cref="ExchangeSimulator.Listing"/>: URLs, recorded symbols, recorded book channel/depth, Binance
/// markets with their own symbols and split routes, <c>LoadInstruments</c> false); every other configured venue is disabled so nothing connects to a live exchange.
/// </summary>
internal static class SimulatorOverrides
{
    /// <summary>
    /// Starts the simulator of <c>run --simulate</c> with its playback held (<see cref="SimulatorPlaybackGate"/> releases
    /// it once the silo subscribed) and returns the overrides: <see cref="Build(ExchangeSimulator, IEnumerable{string})"/>'s, plus <c>Aggregation:Clock</c>
    /// <c>Trades</c> unless the configuration sets a clock, because recorded trades are in the past (docs/aggregation.md#clocks).
    /// </summary>
    /// <param name="inputs">Capture files or folders.</param>
    /// <param name="speed">Playback speed (1 = recorded pace, 0 = as fast as possible).</param>
    /// <param name="configuration">The configuration before the overrides (its venues are disabled unless simulated).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started, paused simulator and the overrides.</returns>
    /// <exception cref="InvalidOperationException">The captures hold no venue the simulator serves.</exception>
    public static async Task<(ExchangeSimulator Simulator, IReadOnlyList<KeyValuePair<string, string?>> Overrides)> StartSimulatorAsync(
        IReadOnlyList<string> inputs, double speed, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var records = CaptureSessions.ReadAligned(inputs);
        // The silo reads with back-pressure: at --speed 0 it may trail a flat-out playback by many frames, which must not
        // get it dropped as a slow client (frames, trades above all, would be lost), so the send queue can hold the whole capture.
        var options = new SimulatorOptions { PlaybackSpeed = speed };
        var simulator = new ExchangeSimulator(records, options with { MaxSendQueue = Math.Max(options.MaxSendQueue, records.Count) });
        simulator.Pause();
        await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
        var overrides = new List<KeyValuePair<string, string?>>(Build(simulator, configuration.GetSection("Feed:Venues").GetChildren().Select(c => c.Key)));
        AddRecordingClock(overrides, configuration);
        return (simulator, overrides);
    }

    /// <summary>
    /// Adds <c>Aggregation:Clock</c> <c>Trades</c> unless the configuration sets a clock: recorded trades are in the past
    /// (docs/aggregation.md#clocks).
    /// </summary>
    /// <param name="overrides">The overrides to add to.</param>
    /// <param name="configuration">The configuration before the overrides.</param>
    public static void AddRecordingClock(List<KeyValuePair<string, string?>> overrides, IConfiguration configuration)
    {
        if (configuration.GetValue<string?>("Aggregation:Clock") is null)
        {
            overrides.Add(new("Aggregation:Clock", "Trades"));
        }
    }

    /// <summary>Builds the overrides of a simulator started in process (later entries win).</summary>
    /// <param name="simulator">The started simulator.</param>
    /// <param name="configuredVenues">Venue ids in the loaded configuration (disabled unless simulated).</param>
    /// <returns>Key/value pairs.</returns>
    /// <exception cref="InvalidOperationException">The captures hold no venue the simulator serves.</exception>
    public static IReadOnlyList<KeyValuePair<string, string?>> Build(ExchangeSimulator simulator, IEnumerable<string> configuredVenues) =>
        Build(simulator.Listing().Venues, configuredVenues);

    /// <summary>
    /// Builds the overrides from the venues a simulator lists (<see cref="ExchangeSimulator.Listing"/>, or
    /// <c>GET /simulator/endpoints</c> of a running <c>simulate</c>): every configured venue disabled, then every served
    /// venue enabled with its <see cref="ServedVenue.Settings"/> (later entries win).
    /// </summary>
    /// <param name="served">The listed venues.</param>
    /// <param name="configuredVenues">Venue ids in the loaded configuration (disabled unless served).</param>
    /// <returns>Key/value pairs.</returns>
    /// <exception cref="InvalidOperationException">No listed venue has a symbol.</exception>
    public static IReadOnlyList<KeyValuePair<string, string?>> Build(IReadOnlyList<ServedVenue> served, IEnumerable<string> configuredVenues)
    {
        var overrides = new List<KeyValuePair<string, string?>>();
        foreach (var venue in configuredVenues)
        {
            overrides.Add(new($"Feed:Venues:{venue}:Enabled", "false"));
        }

        var venues = served.Where(v => v.Symbols.Count > 0).ToList();
        foreach (var venue in venues)
        {
            overrides.AddRange(venue.Settings());
        }

        return venues.Count > 0 ? overrides : throw new InvalidOperationException("The captures hold no venue the simulator serves.");
    }
}
