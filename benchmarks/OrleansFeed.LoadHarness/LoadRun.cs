using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansFeed.Core.Books;
using OrleansFeed.Api.Health;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Silo.Commands;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;

namespace OrleansFeed.LoadHarness;

/// <summary>
/// One run: a fresh simulator over the recordings and a fresh in-process silo configured exactly as
/// <c>run --simulate</c> configures it (silo-config/appsettings.json + <see cref="SimulatorOverrides"/>), measured
/// from playback resume until the output streams are quiet, then verified.
/// </summary>
internal static class LoadRun
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan IdleInterval = TimeSpan.FromSeconds(2);

    /// <summary>Runs the set once.</summary>
    /// <param name="run">Run number, from 1 (printed only).</param>
    /// <param name="records">The aligned capture records (<see cref="CaptureSessions.ReadAligned"/>), shared by every run.</param>
    /// <param name="options">Harness settings.</param>
    /// <param name="cancellationToken">Bounds the run (<see cref="HarnessOptions.Timeout"/>).</param>
    /// <returns>The run's figures.</returns>
    /// <exception cref="OperationCanceledException">The run did not finish in time.</exception>
    public static async Task<LoadResult> RunAsync(int run, IReadOnlyList<CaptureRecord> records, HarnessOptions options, CancellationToken cancellationToken)
    {
        // Flat-out playback outruns the silo; the simulator (no back-pressure, like a venue) would drop the connector as
        // a slow client at 10,000 queued frames. A queue that holds the whole recording lets the silo drain it as
        // fast as it can, which is what is measured.
        var simulatorOptions = new SimulatorOptions { PlaybackSpeed = options.Speed, MaxSendQueue = 10_000_000 };
        await using var simulator = new ExchangeSimulator(records, simulatorOptions);
        // Held until every connector has subscribed, so the window holds playback only, not connection set-up.
        simulator.Pause();
        await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
        var configured = ConfigurationLoader.Load(null).GetSection("Feed:Venues").GetChildren().Select(c => c.Key);
        var overrides = SimulatorOverrides.Build(simulator, configured).ToList();
        // Console logging on the hot path would be measured too; warnings (resyncs, rejects) still print.
        overrides.Add(new("Logging:LogLevel:Default", "Warning"));
        overrides.Add(new("Logging:LogLevel:OrleansFeed", "Warning"));
        overrides.Add(new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"));
        overrides.Add(new("Logging:LogLevel:OrleansFeed.Audit", "Warning")); // Subscription audit lines would be measured too.
        var keyDir = Directory.CreateTempSubdirectory("orleansfeed-load-");
        IReadOnlyList<string> keys = [];
        if (options.WsClients > 0)
        {
            var (loadKeys, settings) = WebSocketLoad.Prepare(options.WsClients, keyDir.FullName);
            keys = loadKeys;
            overrides.AddRange(settings);
        }

        await using var silo = SiloHost.Build(ConfigurationLoader.Load(null, overrides), port: 0);
        var services = silo.Services;
        var grains = services.GetRequiredService<IGrainFactory>();
        var books = services.GetRequiredService<IConfiguredBooks>().GetBooks().Select(b => b.ToString()).ToList();
        var venues = services.GetRequiredService<IOptions<FeedOptions>>().Value.EnabledVenues.Select(v => v.Key).ToList();
        using var published = new PublishLatencyListener();
        await using var observer = new PipelineObserver(services.GetRequiredService<IStreamProvider>(), services.GetRequiredService<TimeProvider>());
        foreach (var book in books)
        {
            observer.WatchBook(book); // before the silo starts, so the first delta of every book is seen
        }

        await silo.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Aggregators are activated during start, once the catalog is filled; their keys are known only now.
            var policy = services.GetRequiredService<IOptions<AggregationOptions>>().Value.QuoteCurrencyPolicy;
            var aggregators = AggregationKeys.All(services.GetRequiredService<IInstrumentCatalog>(), policy);
            foreach (var key in aggregators)
            {
                observer.WatchNbbo(key);
            }

            await WaitForSubscriptionsAsync(simulator, grains, venues, cancellationToken).ConfigureAwait(false);
            var wsUri = new Uri(services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First().Replace("http", "ws", StringComparison.Ordinal) + "/ws");
            await using var wsLoad = options.WsClients > 0
                ? await WebSocketLoad.ConnectAsync(wsUri, keys, books, options.WsClients, cancellationToken).ConfigureAwait(false)
                : null;
            Console.WriteLine($"run {run}: {venues.Count} venue(s), {books.Count} book(s), {aggregators.Count} aggregator(s), {simulator.Total} recorded frame(s), {wsLoad?.Connected ?? 0} WebSocket client(s); playing");
            // Idle baseline: everything connected and subscribed, nothing played. Timers (aggregator ticks, stats,
            // candles, health, pings) cost this much whatever the traffic; a measuring interval, not a wait for a state.
            var idleStart = ProcessSample.Take();
            await Task.Delay(IdleInterval, cancellationToken).ConfigureAwait(false);
            var idle = ProcessSample.Take() - idleStart;
            var (framesBefore, rejectedBefore) = await FramesAsync(grains, venues).ConfigureAwait(false);
            var before = ProcessSample.Take();
            simulator.Resume();
            await simulator.PlaybackCompleted.WaitAsync(cancellationToken).ConfigureAwait(false);
            var (frames, rejected, busyEnd) = await DrainAsync(observer, grains, venues, cancellationToken).ConfigureAwait(false);
            var window = Stopwatch.GetElapsedTime(before.Timestamp, Math.Max(before.Timestamp, observer.LastEventTimestamp));
            if (wsLoad is not null)
            {
                var connectionCap = await WebSocketLoad.ConnectionCapHoldsAsync(wsUri, keys[0], cancellationToken).ConfigureAwait(false);
                var subscriptionCap = await wsLoad.SubscriptionCapHoldsAsync(books[^1], cancellationToken).ConfigureAwait(false);
                var (messages, perClient, closed, peak) = (wsLoad.Messages, wsLoad.PerClient, wsLoad.ClosedByServer, wsLoad.PeakHeap);
                await wsLoad.CloseAllAsync().ConfigureAwait(false);
                var registry = services.GetRequiredService<OrleansFeed.Api.WebSockets.WebSocketSessionRegistry>();
                var closeDeadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
                while (registry.Sessions.Count > 0 && Stopwatch.GetTimestamp() < closeDeadline)
                {
                    await Task.Delay(Poll, cancellationToken).ConfigureAwait(false); // the server ends each session once it sees the abort
                }

                var after = WebSocketLoad.HeapNow();
                Console.WriteLine($"run {run}: WebSocket: {wsLoad.Connected} client(s) on {keys.Count} key(s), {messages} message(s) received (per client {perClient.Min}..{perClient.Max}), " +
                    $"{closed} closed by the server; connection cap held: {connectionCap}, subscription cap held: {subscriptionCap}; " +
                    $"managed heap before {wsLoad.HeapBefore / 1048576.0:F1} MiB, peak {peak / 1048576.0:F1} MiB, after close {after / 1048576.0:F1} MiB");
            }

            var (aggregatorCount, worstP999, worstKey, busiest, busiestKey) = (0L, 0L, string.Empty, (NbboLatency?)null, string.Empty);
            foreach (var key in aggregators)
            {
                var latency = await grains.GetGrain<IAggregatorGrain>(key).GetLatencyAsync().ConfigureAwait(false);
                aggregatorCount += latency.Count;
                if (latency.ReceiveP999 > worstP999)
                {
                    (worstP999, worstKey) = (latency.ReceiveP999, key);
                }

                if (busiest is null || latency.Count > busiest.Count)
                {
                    (busiest, busiestKey) = (latency, key);
                }
            }

            var (synced, unverifiable, bookGaps, problems) = (0, 0, 0L, new List<string>());
            foreach (var book in books)
            {
                var snapshot = await grains.GetGrain<IOrderBookGrain>(book).GetSnapshotAsync(1).ConfigureAwait(false);
                // A feed with no sequence and no checksum (Coinbase Exchange level2, Bybit v2) can only end unverifiable:
                // that is what it is (docs/errors.md#book-states), not a failure of the run.
                var proofless = snapshot.SyncState == BookSyncState.Unverifiable;
                synced += snapshot.IsStale ? 0 : 1;
                unverifiable += proofless ? 1 : 0;
                bookGaps += snapshot.Counters.Gaps;
                if ((snapshot.IsStale && !proofless) || snapshot.Counters.Gaps > 0)
                {
                    problems.Add($"{book} ({snapshot.SyncState}, {snapshot.Counters.Gaps} gap(s), {snapshot.Counters.Resyncs} resync(s))");
                }
            }

            return new LoadResult(
                run, window, frames - framesBefore, rejected - rejectedBefore, observer.Updates, observer.Deltas, observer.Trades, observer.Nbbos, aggregatorCount, busiestKey,
                observer.DeltaLatency(50), observer.DeltaLatency(99), observer.DeltaLatency(99.9),
                busiest?.ReceiveP50 ?? 0, busiest?.ReceiveP99 ?? 0, busiest?.ReceiveP999 ?? 0, worstP999, worstKey,
                busyEnd.Allocated - before.Allocated, busyEnd.Gen0 - before.Gen0, busyEnd.Gen1 - before.Gen1, busyEnd.Gen2 - before.Gen2,
                busyEnd.Cpu - before.Cpu, Stopwatch.GetElapsedTime(before.Timestamp, busyEnd.Timestamp),
                books.Count, synced, unverifiable, bookGaps, observer.SequenceGaps, problems,
                (published.Latency(50), published.Latency(99), published.Latency(99.9), published.Count), idle);
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None).ConfigureAwait(false);
            keyDir.Delete(recursive: true);
        }
    }

    // Every connector connected and, for venues with a subscribe route, every channel it subscribed held for every
    // recorded symbol, unchanged for 3 polls (book, trade and ticker subscriptions go out one after another; a channel
    // subscribed after resume would miss frames: only book channels get a catch-up). Binance subscribes in its URL.
    // Capped, because a venue spelling symbols differently would never match.
    private static async Task WaitForSubscriptionsAsync(ExchangeSimulator simulator, IGrainFactory grains, IReadOnlyList<string> venues, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(15 * Stopwatch.Frequency);
        var (stable, lastHeld) = (0, -1);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var connected = true;
            foreach (var venue in venues)
            {
                connected &= (await grains.GetGrain<IExchangeConnectorGrain>(venue).GetStatusAsync().ConfigureAwait(false)).Connections > 0;
            }

            var (complete, held) = (true, 0);
            foreach (var endpoint in simulator.Endpoints().Where(e => !e.Venue.StartsWith("binance", StringComparison.Ordinal) && venues.Contains(e.Venue)))
            {
                var pairs = simulator.SubscriptionsOf(endpoint.Venue).ToHashSet();
                var channels = pairs.Select(p => p.Channel).Distinct(StringComparer.Ordinal).ToList();
                complete &= channels.Count > 0 && channels.All(c => endpoint.Symbols.All(s => pairs.Contains((c, s))));
                held += pairs.Count;
            }

            (stable, lastHeld) = (connected && complete && held == lastHeld ? stable + 1 : 0, held);
            if (stable >= 3)
            {
                return;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }

        Console.WriteLine("warning: not every venue reported its subscriptions within 15 s; playing anyway (late channels miss frames).");
    }

    // Playback done: wait until no event has been observed and no frame received for 5 polls (the pipeline drained).
    // Process figures are taken at every poll; the one kept is from the last poll that still saw activity, so the idle
    // polls are not charged (resolution: one poll, 100 ms).
    private static async Task<(long Frames, long Rejected, ProcessSample BusyEnd)> DrainAsync(
        PipelineObserver observer, IGrainFactory grains, IReadOnlyList<string> venues, CancellationToken cancellationToken)
    {
        var (quiet, lastEvents, last, busyEnd) = (0, -1L, (Frames: -1L, Rejected: 0L), ProcessSample.Take());
        while (quiet < 5)
        {
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            var sample = ProcessSample.Take();
            var now = await FramesAsync(grains, venues).ConfigureAwait(false);
            var events = observer.Events;
            if (events == lastEvents && now.Frames == last.Frames)
            {
                quiet++;
            }
            else
            {
                (quiet, busyEnd) = (0, sample);
            }

            (lastEvents, last) = (events, now);
        }

        return (last.Frames, last.Rejected, busyEnd);
    }

    internal static async Task<(long Frames, long Rejected)> FramesAsync(IGrainFactory grains, IReadOnlyList<string> venues)
    {
        var (frames, rejected) = (0L, 0L);
        foreach (var venue in venues)
        {
            var status = await grains.GetGrain<IExchangeConnectorGrain>(venue).GetStatusAsync().ConfigureAwait(false);
            frames += status.Frames;
            rejected += status.RejectedFrames;
        }

        return (frames, rejected);
    }
}
