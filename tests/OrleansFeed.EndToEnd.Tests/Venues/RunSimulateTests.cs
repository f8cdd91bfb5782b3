using OrleansFeed.Core.Books;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.Grains.Abstractions;
using Orleans;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Silo.Commands;
using OrleansFeed.Simulator;
using OrleansFeed.TestKit.Captures;
using static OrleansFeed.EndToEnd.Tests.Venues.VenueBooksTests;
using OrleansFeed.TestKit.Simulation;

namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>
/// <c>run --simulate</c>'s configuration logic with a real simulator: two venues' folders (Kraken, both OKX days) are
/// served at once, each configured from the simulator's endpoints with the recorded channel/depth, and every book the
/// silo serves equals its independent rebuild; configured venues not in the captures are disabled.
/// </summary>
public class RunSimulateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task RunSimulate_KrakenAndOkxFolders_BothVenuesServeBooksEqualToReference()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var kraken = SharedData.PathOf("kraken");
        var okx = SharedData.PathOf("okx");
        var records = CaptureSessions.ReadAligned([kraken, okx]);
        await using var simulator = new ExchangeSimulator(records, new SimulatorOptions { MaxSendQueue = TestSimulator.MaxSendQueue, PlaybackSpeed = 0 });
        simulator.Pause();
        await simulator.StartAsync(cts.Token);

        var endpoints = simulator.Endpoints().ToDictionary(e => e.Venue);
        endpoints.Keys.Should().BeEquivalentTo(["kraken", "okx"]);
        endpoints["okx"].BookChannel.Should().Be("books-l2-tbt");
        endpoints["kraken"].DepthLimit.Should().Be(1000);
        var overrides = SimulatorOverrides.Build(simulator, ["binance", "binance-futures"]);
        var settings = new Dictionary<string, string?>(overrides) { ["Logging:LogLevel:Default"] = "Warning" };
        settings["Feed:Venues:binance:Enabled"].Should().Be("false");
        var reference = new Dictionary<string, RefBook>();
        foreach (var (symbol, book) in ReferenceKrakenBooks.Build(Recording("kraken", "2021-04-05_book-1000")).Books)
        {
            reference["kraken:" + symbol] = RefBook.From(Decimals(book.Bids), Decimals(book.Asks));
        }

        foreach (var file in Directory.GetFiles(okx))
        {
            foreach (var (symbol, book) in ReferenceOkxBooks.Build(file).Books)
            {
                reference.Add("okx:" + symbol, RefBook.From(Decimals(book.Bids), Decimals(book.Asks)));
            }
        }

        await using var silo = await SimulatedSilo.StartAsync(simulator, settings, cts.Token);
        (await SimulatorPlaybackGate.OpenWhenSubscribedAsync(silo.Silo.Services, simulator, cts.Token)).Should().BeTrue();
        await simulator.PlaybackCompleted.WaitAsync(cts.Token);
        foreach (var (key, expected) in reference)
        {
            await VenueBooks.WaitUntilEqualAsync(silo.Grains, key, expected, BookSyncState.Synced, cts.Token);
        }

        reference.Keys.Should().Contain(k => k.StartsWith("okx:", StringComparison.Ordinal)).And.Contain(k => k.StartsWith("kraken:", StringComparison.Ordinal));
        reference.Should().HaveCount(30);
    }

    [Fact]
    public async Task RunSimulate_KrakenFolderAlone_AsFastAsPossible_EveryRecordedTradeServedAndAggregatedOnTheRecordingClock()
    {
        // Once 0 trades: the playback started with the simulator, before the silo subscribed, so every trade was gone.
        using var cts = new CancellationTokenSource(Timeout);
        var kraken = SharedData.PathOf("kraken");
        var replayed = new List<Core.Trades.Trade>();
        new ReplayEngine(AllVenues.Registry()) { TradeObserver = (b, t) => { if (b.Instrument.Symbol == "XBT/USD") { replayed.Add(t); } } }
            .Run("kraken", [Path.Combine(kraken, "2021-04-05_trade_10-pairs.combined.txt.gz")]);
        replayed.Should().HaveCount(22);

        await using var run = await StartRunAsync([kraken], speed: 0, cts.Token);
        await run.Simulator.PlaybackCompleted.WaitAsync(cts.Token);
        var book = run.Grains.GetGrain<IOrderBookGrain>("kraken:XBT/USD");
        var aggregator = run.Grains.GetGrain<IAggregatorGrain>("BTC-USD");
        await Poll.UntilAsync(
            async () => (await book.GetRecentTradesAsync(1000)).Length >= replayed.Count && (await aggregator.GetStatsAsync()).Consolidated.TradeCount >= replayed.Count,
            "every recorded trade in the book and the aggregator",
            cts.Token);

        (await book.GetRecentTradesAsync(1000)).Select(t => t.Price).Should().BeEquivalentTo(replayed.Select(t => t.Price), "every recorded trade reaches the silo");
        var stats = await aggregator.GetStatsAsync();
        stats.Consolidated.TradeCount.Should().Be(replayed.Count, "the 24 h window follows the recording's clock, not the wall clock");
        stats.AsOf.Should().Be(new Timestamp(replayed.Max(t => t.ExchangeTime.UnixMicroseconds)));
        var latency = await aggregator.GetLatencyAsync();
        latency.Count.Should().BeGreaterThan(0);
        latency.ExchangeP50.Should().BeNull("a latency against the recording's exchange times would be a sentinel-sized number");
        latency.ExchangeMax.Should().BeNull();
    }

    [Fact]
    public async Task RunSimulate_KrakenTradeOnlyCapture_StatsAndCandlesForEveryTradedInstrument()
    {
        // Once refused ("no venue the simulator serves"): the endpoints listed only symbols with book data.
        using var cts = new CancellationTokenSource(Timeout);
        var file = Path.Combine(SharedData.PathOf("kraken"), "2021-04-05_trade_10-pairs.combined.txt.gz");
        var replayed = new List<(string Instrument, Core.Trades.Trade Trade)>();
        new ReplayEngine(AllVenues.Registry()) { TradeObserver = (b, t) => replayed.Add((b.Instrument.Canonical, t)) }.Run("kraken", [file]);
        replayed.Should().NotBeEmpty();

        await using var run = await StartRunAsync([file], speed: 0, cts.Token);
        await run.Simulator.PlaybackCompleted.WaitAsync(cts.Token);
        foreach (var group in replayed.GroupBy(t => t.Instrument))
        {
            var aggregator = run.Grains.GetGrain<IAggregatorGrain>(group.Key);
            var stats = await Poll.UntilAsync(aggregator.GetStatsAsync, s => s.Consolidated.TradeCount >= group.Count(), $"{group.Key}: every trade counted", cts.Token);

            stats.Consolidated.TradeCount.Should().Be(group.Count(), group.Key);
            var candles = await aggregator.GetCandlesAsync(Core.Aggregation.Candles.CandleInterval.OneMinute, new Timestamp(0), new Timestamp(long.MaxValue), null);
            candles.Candles.Sum(c => c.TradeCount).Should().Be(group.Count(), $"{group.Key}: every trade is in a 1m candle");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public async Task RunSimulate_Okx_EveryBookLoadsTheRecordedSnapshots_AtAnySpeed(double speed)
    {
        // The 2022 recording carries every book snapshot twice (its recorder subscribed more than once): a replay loads
        // both (epoch 2); so must the silo, at any speed. At speed 0 it once got one catch-up snapshot (epoch 1).
        using var cts = new CancellationTokenSource(Timeout);
        var file = Path.Combine(SharedData.PathOf("okx"), "2022-02-27_books-l2-tbt_trades_tickers_10-instruments.ws.txt.gz");
        var replay = new ReplayEngine(AllVenues.Registry()).Run("okx", [file]);
        var epochs = replay.Books.Values.Where(b => b.Sync.Counters.Messages > 0).ToDictionary(b => "okx:" + b.Instrument.Symbol, b => b.Sync.Epoch);
        epochs.Should().HaveCount(10).And.OnlyContain(e => e.Value == 2);

        await using var run = await StartRunAsync([file], speed, cts.Token);
        await run.Simulator.PlaybackCompleted.WaitAsync(cts.Token);
        foreach (var (key, epoch) in epochs)
        {
            var snapshot = await Poll.UntilAsync(() => run.Grains.GetGrain<IOrderBookGrain>(key).GetSnapshotAsync(1), s => s.Epoch >= epoch, $"{key} epoch {epoch}", cts.Token);

            snapshot.Epoch.Should().Be(epoch, key);
            snapshot.SyncState.Should().Be(BookSyncState.Synced, key);
            snapshot.LastUpdateId.Should().Be(UpdateIds.None, "the 2022 frames carry no seqId: served as null, never a number");
        }
    }

    /// <summary>What <c>run --simulate</c> does, in process: the same simulator start and overrides, then the same playback gate.</summary>
    private static async Task<SimulatedSilo> StartRunAsync(IReadOnlyList<string> inputs, double speed, CancellationToken cancellationToken)
    {
        var (simulator, overrides) = await SimulatorOverrides.StartSimulatorAsync(inputs, speed, new ConfigurationBuilder().Build(), cancellationToken);
        var run = await SimulatedSilo.StartAsync(simulator, overrides, cancellationToken);
        try
        {
            (await SimulatorPlaybackGate.OpenWhenSubscribedAsync(run.Silo.Services, simulator, cancellationToken)).Should().BeTrue("every connection subscribes");
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }
}
