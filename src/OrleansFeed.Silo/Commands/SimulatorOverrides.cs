using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Capture;
using Microsoft.Extensions.Configuration;
using OrleansFeed.Simulator;

namespace OrleansFeed.Silo.Commands;

/// <summary>
/// The configuration overrides of <c>run --simulate</c>: every venue present in the captures is pointed at the
/// simulator (<see cref="ExchangeSimulator.Endpoints"/>: URLs, recorded symbols, recorded book channel/depth,
/// <c>LoadInstruments</c> false); every other configured venue is disabled so nothing connects to a live exchange.
/// </summary>
internal static class SimulatorOverrides
{
    /// <summary>
    /// Starts the simulator of <c>run --simulate</c> with its playback held (<see cref="SimulatorPlaybackGate"/> releases
    /// it once the silo subscribed) and returns the overrides: <see cref="Build"/>'s, plus <c>Aggregation:Clock</c>
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
        var overrides = new List<KeyValuePair<string, string?>>(Build(records, simulator, configuration.GetSection("Feed:Venues").GetChildren().Select(c => c.Key)));
        if (configuration.GetValue<string?>("Aggregation:Clock") is null)
        {
            overrides.Add(new("Aggregation:Clock", "Trades"));
        }

        return (simulator, overrides);
    }

    /// <summary>Builds the overrides (later entries win).</summary>
    /// <param name="records">The records the simulator plays (Binance markets are read from their URLs).</param>
    /// <param name="simulator">The started simulator.</param>
    /// <param name="configuredVenues">Venue ids in the loaded configuration (disabled unless simulated).</param>
    /// <returns>Key/value pairs.</returns>
    /// <exception cref="InvalidOperationException">The captures hold no venue the simulator serves.</exception>
    public static IReadOnlyList<KeyValuePair<string, string?>> Build(IReadOnlyList<CaptureRecord> records, ExchangeSimulator simulator, IEnumerable<string> configuredVenues)
    {
        var overrides = new List<KeyValuePair<string, string?>>();
        foreach (var venue in configuredVenues)
        {
            overrides.Add(new($"Feed:Venues:{venue}:Enabled", "false"));
        }

        var served = 0;
        foreach (var endpoint in simulator.Endpoints())
        {
            if (endpoint.Venue == "binance")
            {
                var binance = BinanceOverrides(records, simulator).ToList();
                served += binance.Count > 0 ? 1 : 0;
                overrides.AddRange(binance);
            }
            else if (endpoint.Symbols.Count > 0)
            {
                overrides.AddRange(endpoint.Settings());
                served++;
            }
        }

        return served > 0 ? overrides : throw new InvalidOperationException("The captures hold no venue the simulator serves.");
    }

    /// <summary>
    /// Binance markets share the simulator's routes: each market seen in the captures' URLs gets the bare simulator
    /// base, its own recorded snapshot symbols (all of them when only one market was recorded) and <c>SplitRoutes</c>
    /// when its streams used the 2026 <c>/public</c> route.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string?>> BinanceOverrides(IReadOnlyList<CaptureRecord> records, ExchangeSimulator simulator)
    {
        var markets = new Dictionary<BinanceMarket, (HashSet<string> Symbols, bool Public)>();
        foreach (var record in records.Where(r => r.Kind is CaptureRecordKind.Open or CaptureRecordKind.Rest))
        {
            if (!BinanceMarketInfo.TryFromUrl(record.Source, out var market))
            {
                continue;
            }

            if (!markets.TryGetValue(market, out var seen))
            {
                markets[market] = seen = (new HashSet<string>(StringComparer.Ordinal), false);
            }

            if (record.Kind == CaptureRecordKind.Open && record.Source.Contains("/public", StringComparison.Ordinal))
            {
                markets[market] = seen with { Public = true };
            }

            if (record.Kind == CaptureRecordKind.Rest && SymbolOf(record.Source) is { } symbol)
            {
                seen.Symbols.Add(symbol);
            }
        }

        var recorded = simulator.SnapshotSymbols.ToHashSet(StringComparer.Ordinal);
        foreach (var (market, (symbols, split)) in markets)
        {
            var own = markets.Count == 1 ? recorded.Order(StringComparer.Ordinal).ToList() : symbols.Where(recorded.Contains).Order(StringComparer.Ordinal).ToList();
            if (own.Count == 0)
            {
                continue;
            }

            var prefix = $"Feed:Venues:{market.VenueId()}";
            yield return new($"{prefix}:Enabled", "true");
            yield return new($"{prefix}:WebSocketUrl", simulator.WebSocketBaseUri.ToString().TrimEnd('/'));
            yield return new($"{prefix}:RestUrl", simulator.BaseUri.ToString().TrimEnd('/'));
            yield return new($"{prefix}:SplitRoutes", split ? "true" : "false");
            yield return new($"{prefix}:LoadInstruments", "false");
            for (var i = 0; i < own.Count; i++)
            {
                yield return new($"{prefix}:Symbols:{i}", own[i]);
            }
        }
    }

    private static string? SymbolOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("symbol=", StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(pair[7..]).ToUpperInvariant();
            }
        }

        return null;
    }
}
