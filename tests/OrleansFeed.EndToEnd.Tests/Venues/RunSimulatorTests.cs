using Microsoft.Extensions.Configuration;
using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.Grains.Abstractions;
using Orleans;
using OrleansFeed.Silo.Commands;
using OrleansFeed.Simulator;
using OrleansFeed.Simulator.Listing;
using OrleansFeed.TestKit.Captures;
using OrleansFeed.TestKit.Simulation;
using static OrleansFeed.EndToEnd.Tests.Venues.VenueBooksTests;

namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>
/// <c>run --simulator URL</c> against a simulator started as <c>simulate</c> starts it (playback on the first
/// subscription): each silo reads <c>GET /simulator/endpoints</c> over HTTP and configures itself from it. Two silos
/// subscribed before the first frame share the one simulator and end with every book synced, equal to its independent
/// rebuild and to each other; a silo joining after the playback ended still gets every in-stream-snapshot book (Kraken)
/// from the simulator's catch-up snapshot.
/// </summary>
public class RunSimulatorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Levels per side compared between the two silos' Binance books (the recorded snapshots hold many more).</summary>
    private const int TopLevels = 20;

    [Fact]
    public async Task RunSimulator_TwoSilosShareOneSimulate_EveryListedVenueServedAndEveryBookEqualToReference()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var kraken = SharedData.PathOf("kraken");
        var futures = SharedData.PathOf("binance_futures/2021-07-22_AKROUSDT-CTKUSDT-KEEPUSDT-SUSHIUSDT.ws.txt.gz");
        var futuresRest = SharedData.PathOf("binance_futures/2021-07-22_AKROUSDT-CTKUSDT-KEEPUSDT-SUSHIUSDT.http.txt.gz");
        var simulator = ExchangeSimulator.FromInputs([kraken, futures, futuresRest], new SimulatorOptions { MaxSendQueue = TestSimulator.MaxSendQueue, PlaybackSpeed = 0 });
        await using var owner = simulator;
        await simulator.StartAsync(cts.Token);
        var configured = new ConfigurationBuilder().AddInMemoryCollection([new("Feed:Venues:okx:Enabled", "true"), new("Feed:Venues:binance:Enabled", "true")]).Build();

        var (listing, overrides) = await RemoteSimulator.ConfigureAsync(simulator.BaseUri.ToString(), configured, cts.Token);

        listing.Venues.Select(v => v.Venue).Should().Equal("binance-futures", "kraken");
        listing.Playback.State.Should().Be(PlaybackState.Waiting, "no silo has subscribed yet");
        var settings = new Dictionary<string, string?>(overrides) { ["Logging:LogLevel:Default"] = "Warning" };
        settings["Feed:Venues:okx:Enabled"].Should().Be("false", "a configured venue the simulator does not serve is disabled");
        settings["Feed:Venues:binance:Enabled"].Should().Be("false");
        settings["Feed:Venues:binance-futures:WebSocketUrl"].Should().Be(simulator.WebSocketBaseUri.ToString().TrimEnd('/'));
        settings["Aggregation:Clock"].Should().Be("Trades");

        var reference = ReferenceKrakenBooks.Build(Recording("kraken", "2021-04-05_book-1000")).Books
            .ToDictionary(b => "kraken:" + b.Key, b => RefBook.From(Decimals(b.Value.Bids), Decimals(b.Value.Asks)));
        reference.Should().HaveCount(10);
        // Held so that both silos see the first frame, as the gate of run --simulate holds it for one silo.
        simulator.Pause();
        await using var first = await SimulatedSilo.StartAsync(simulator, settings, cts.Token);
        await using var second = await SimulatedSilo.StartAsync(simulator, settings, cts.Token);
        (await SimulatorPlaybackGate.OpenWhenSubscribedAsync([first.Silo.Services, second.Silo.Services], simulator, cts.Token)).Should().BeTrue();
        await simulator.PlaybackCompleted.WaitAsync(cts.Token);

        foreach (var silo in new[] { first, second })
        {
            foreach (var (key, expected) in reference)
            {
                await VenueBooks.WaitUntilEqualAsync(silo.Grains, key, expected, BookSyncState.Synced, cts.Token);
            }
        }

        // Binance books sync from REST snapshots: the silo that joined late got a snapshot of the true book, the first
        // the recorded one plus every diff; their deeper levels may differ by snapshot depth, their tops may not.
        foreach (var symbol in listing.Venues.Single(v => v.Venue == "binance-futures").Symbols)
        {
            var key = "binance-futures:" + symbol;
            var tops = await Poll.UntilAsync(
                async () => (await first.Grains.GetGrain<IOrderBookGrain>(key).GetSnapshotAsync(TopLevels), await second.Grains.GetGrain<IOrderBookGrain>(key).GetSnapshotAsync(TopLevels)),
                b => b.Item1.SyncState == BookSyncState.Synced && b.Item2.SyncState == BookSyncState.Synced && Levels(b.Item1).SequenceEqual(Levels(b.Item2)),
                b => $"{key}: first {b.Item1.SyncState} {Top(b.Item1)}, second {b.Item2.SyncState} {Top(b.Item2)}",
                cts.Token);
            tops.Item1.Bids.Should().NotBeEmpty(key);
        }

        var after = await RemoteSimulator.FetchAsync(simulator.BaseUri, cts.Token);
        after.Playback.State.Should().Be(PlaybackState.Completed);
        after.Playback.Position.Should().Be(simulator.Total);
    }

    [Fact]
    public async Task RunSimulator_SiloJoiningAfterPlaybackEnded_KrakenBooksCaughtUpEqualToReference()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var book = Recording("kraken", "2021-04-05_book-1000");
        var simulator = ExchangeSimulator.FromInputs([book], new SimulatorOptions { StartOnFirstSubscription = false, PlaybackSpeed = 0 });
        await using var owner = simulator;
        await simulator.StartAsync(cts.Token);
        await simulator.PlaybackCompleted.WaitAsync(cts.Token);
        var (listing, overrides) = await RemoteSimulator.ConfigureAsync(simulator.BaseUri.ToString(), new ConfigurationBuilder().Build(), cts.Token);
        listing.Playback.State.Should().Be(PlaybackState.Completed);
        var reference = ReferenceKrakenBooks.Build(book).Books.ToDictionary(b => "kraken:" + b.Key, b => RefBook.From(Decimals(b.Value.Bids), Decimals(b.Value.Asks)));

        await using var late = await SimulatedSilo.StartAsync(simulator, overrides, cts.Token);

        foreach (var (key, expected) in reference)
        {
            await VenueBooks.WaitUntilEqualAsync(late.Grains, key, expected, BookSyncState.Synced, cts.Token);
        }

        reference.Should().HaveCount(10);
    }

    /// <summary>Both sides as exact decimals (a synthesized snapshot may spell a price differently from the recorded text).</summary>
    private static IEnumerable<(bool Bid, decimal Price, decimal Size)> Levels(BookSnapshot book) =>
        book.Bids.Select(l => (true, l.Price.ToDecimal(), l.Size.ToDecimal())).Concat(book.Asks.Select(l => (false, l.Price.ToDecimal(), l.Size.ToDecimal())));

    private static string Top(BookSnapshot book) =>
        $"bid {book.Bids.FirstOrDefault()} ask {book.Asks.FirstOrDefault()} ({book.Bids.Length}/{book.Asks.Length} levels)";
}
