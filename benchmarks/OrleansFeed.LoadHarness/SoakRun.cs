using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Providers;
using Orleans.Storage;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Api.Health;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.Instruments;
using OrleansFeed.Silo.Commands;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;

namespace OrleansFeed.LoadHarness;

/// <summary>
/// <c>--soak N</c>: one in-process silo configured as <c>run --simulate</c> configures it (trade clock included) lives for
/// N minutes with every recording played at <c>--speed</c> and looped (each loop a fresh simulator on the same port:
/// to the silo, the venues restart and it reconnects and resyncs), <c>--ws-clients</c> churning and REST polled. One
/// <see cref="SoakSample"/> a minute, printed as it is taken, then the table and the RSS slope.
/// </summary>
internal static class SoakRun
{
    /// <summary>Minutes at the end over which the RSS slope is fitted (the goal: below 1 MB/min).</summary>
    public const int SlopeMinutes = 20;

    /// <summary>Runs the soak.</summary>
    /// <param name="records">The aligned capture records.</param>
    /// <param name="options">Harness settings (<see cref="HarnessOptions.SoakMinutes"/> &gt; 0).</param>
    /// <returns>The exit code: 0.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<CaptureRecord> records, HarnessOptions options)
    {
        using var stop = new CancellationTokenSource();
        using var stateWrites = new SoakStateWrites();
        var simulatorOptions = new SimulatorOptions { PlaybackSpeed = options.Speed };
        var simulator = new ExchangeSimulator(records, simulatorOptions);
        await simulator.StartAsync(stop.Token).ConfigureAwait(false);
        var port = simulator.BaseUri.Port;
        var configured = ConfigurationLoader.Load(null).GetSection("Feed:Venues").GetChildren().Select(c => c.Key);
        var overrides = SimulatorOverrides.Build(simulator, configured).ToList();
        overrides.Add(new("Aggregation:Clock", "Trades")); // as run --simulate: the recordings' times run the aggregates
        overrides.Add(new("Logging:LogLevel:Default", "Warning"));
        overrides.Add(new("Logging:LogLevel:OrleansFeed", "Warning"));
        overrides.Add(new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"));
        overrides.Add(new("Logging:LogLevel:OrleansFeed.Audit", "Warning"));
        var keyDir = Directory.CreateTempSubdirectory("orleansfeed-soak-");
        // One key more than the clients need: the REST poller's, so its rate limit is its own.
        var (keys, settings) = WebSocketLoad.Prepare(options.WsClients + WebSocketLoad.ClientsPerKey, keyDir.FullName);
        overrides.AddRange(settings);
        await using var silo = SiloHost.Build(ConfigurationLoader.Load(null, overrides), port: 0);
        await silo.StartAsync(stop.Token).ConfigureAwait(false);
        var loops = 0;
        Task looping = Task.CompletedTask;
        try
        {
            var services = silo.Services;
            var grains = services.GetRequiredService<IGrainFactory>();
            var books = services.GetRequiredService<IConfiguredBooks>().GetBooks().Select(b => b.ToString()).ToList();
            var venues = services.GetRequiredService<IOptions<FeedOptions>>().Value.EnabledVenues.Select(v => v.Key).ToList();
            var aggregators = AggregationKeys.All(services.GetRequiredService<IInstrumentCatalog>(), services.GetRequiredService<IOptions<AggregationOptions>>().Value.QuoteCurrencyPolicy);
            var http = new Uri(services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var ws = new Uri(http.ToString().Replace("http", "ws", StringComparison.Ordinal).TrimEnd('/') + "/ws");
            await using var rest = new SoakRest(http, keys[^1], books[0], aggregators.First());
            await using var clients = new SoakClients(ws, keys, books, options.WsClients);
            await clients.ConnectMissingAsync(stop.Token).ConfigureAwait(false);
            Console.WriteLine($"soak: {options.SoakMinutes} min, {venues.Count} venue(s), {books.Count} book(s), {aggregators.Count} aggregator(s), {records.Count} record(s) a loop at speed {options.Speed}, " +
                $"{clients.Connected} WebSocket client(s) ({SoakClients.ChurnShare:P0} reconnect a minute), REST every {SoakRest.Period.TotalMilliseconds:F0} ms; {Environment.ProcessorCount} core(s), server GC {System.Runtime.GCSettings.IsServerGC}");
            looping = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await simulator.PlaybackCompleted.WaitAsync(stop.Token).ConfigureAwait(false);
                    Interlocked.Increment(ref loops);
                    await simulator.DisposeAsync().ConfigureAwait(false);
                    simulator = new ExchangeSimulator(records, simulatorOptions with { Port = port });
                    await simulator.StartAsync(stop.Token).ConfigureAwait(false);
                }
            });

            Console.WriteLine(SoakTable.Header);
            var samples = new List<SoakSample>();
            var (lastCpu, lastGen2, lastFrames) = (Process.GetCurrentProcess().TotalProcessorTime, GC.CollectionCount(2), (await LoadRun.FramesAsync(grains, venues).ConfigureAwait(false)).Frames);
            var reconnects = 0;
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
            for (var minute = 1; minute <= options.SoakMinutes; minute++)
            {
                // Churn mid-minute, so its reconnects fall inside the minute measured.
                await Task.Delay(TimeSpan.FromSeconds(30), stop.Token).ConfigureAwait(false);
                if (looping.IsFaulted)
                {
                    await looping.ConfigureAwait(false);
                }

                reconnects += options.WsClients > 0 ? await clients.ChurnAsync(stop.Token).ConfigureAwait(false) : 0;
                await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false);
                using var process = Process.GetCurrentProcess();
                var gc = GC.GetGCMemoryInfo(GCKind.Any);
                var (restCount, restP50, restP99, restMax, restErrors) = rest.Take();
                var (wsCount, wsP50, wsP99) = clients.Take();
                var frames = (await LoadRun.FramesAsync(grains, venues).ConfigureAwait(false)).Frames;
                var (stateRecords, stateBytes) = stateWrites.Take();
                var sample = new SoakSample(
                    minute, Rss(), gc.HeapSizeBytes, gc.GenerationInfo[3].SizeAfterBytes, GC.CollectionCount(2) - lastGen2,
                    (process.TotalProcessorTime - lastCpu).TotalSeconds / 60 / Environment.ProcessorCount,
                    restCount, restP50, restP99, restMax, restErrors, wsCount, wsP50, wsP99, clients.Connected, reconnects, frames - lastFrames, stateRecords, stateBytes,
                    Volatile.Read(ref loops), File.ReadAllText("/proc/loadavg").Split(' ')[0]);
                (lastCpu, lastGen2, lastFrames, reconnects) = (process.TotalProcessorTime, GC.CollectionCount(2), frames, 0);
                samples.Add(sample);
                Console.WriteLine(SoakTable.Row(sample));
            }

            Console.WriteLine();
            Console.WriteLine(SoakTable.Summary(samples, SlopeMinutes));
            Console.WriteLine(await StoredStateAsync(services, grains, aggregators).ConfigureAwait(false));
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await looping.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await simulator.DisposeAsync().ConfigureAwait(false);
            await silo.StopAsync(CancellationToken.None).ConfigureAwait(false);
            keyDir.Delete(recursive: true);
        }

        return 0;
    }

    // What the aggregators hold in grain storage now: heads and the segments they name.
    private static async Task<string> StoredStateAsync(IServiceProvider services, IGrainFactory grains, IReadOnlyCollection<string> aggregators)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var (total, records, largest, largestKey) = (0L, 0, 0L, string.Empty);
        foreach (var key in aggregators)
        {
            var id = grains.GetGrain<IAggregatorGrain>(key).GetGrainId();
            var head = new GrainState<AggregatorState>();
            await storage.ReadStateAsync("aggregates", id, head).ConfigureAwait(false);
            if (!head.RecordExists || head.State is null)
            {
                continue;
            }

            var bytes = (long)head.State.Head.Length;
            foreach (var name in head.State.Segments)
            {
                var segment = new GrainState<AggregatorStateSegment>();
                await storage.ReadStateAsync(name, id, segment).ConfigureAwait(false);
                bytes += segment.State?.Data.Length ?? 0;
            }

            (total, records) = (total + bytes, records + 1 + head.State.Segments.Count);
            (largest, largestKey) = bytes > largest ? (bytes, key) : (largest, largestKey);
        }

        return string.Create(CultureInfo.InvariantCulture, $"aggregator state in grain storage: {total / 1024.0:F0} KB in {records} records over {aggregators.Count} instrument(s); largest {largestKey} {largest / 1024.0:F0} KB.");
    }

    // VmRSS of /proc/self/status (kB): what the kernel holds for the process, the figure the issue measured.
    private static long Rss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Environment.WorkingSet;
    }
}
