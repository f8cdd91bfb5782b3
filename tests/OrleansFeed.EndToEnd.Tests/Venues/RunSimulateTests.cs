using OrleansFeed.Core.Books;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.Grains.Abstractions;
using Orleans;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Silo.Commands;
using OrleansFeed.Silo.Hosting;
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
        await simulator.StartAsync(cts.Token);

        var endpoints = simulator.Endpoints().ToDictionary(e => e.Venue);
        endpoints.Keys.Should().BeEquivalentTo(["kraken", "okx"]);
        endpoints["okx"].BookChannel.Should().Be("books-l2-tbt");
        endpoints["kraken"].DepthLimit.Should().Be(1000);
        var overrides = SimulatorOverrides.Build(records, simulator, ["binance", "binance-futures"]);
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

        await using var silo = SiloHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), port: 0);
        await silo.StartAsync(cts.Token);
        try
        {
            await simulator.PlaybackCompleted.WaitAsync(cts.Token);
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            foreach (var (key, expected) in reference)
            {
                await WaitUntilEqualAsync(grains, key, expected, cts.Token);
            }

            reference.Keys.Should().Contain(k => k.StartsWith("okx:", StringComparison.Ordinal)).And.Contain(k => k.StartsWith("kraken:", StringComparison.Ordinal));
            reference.Should().HaveCount(30);
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
        }
    }

    private static async Task WaitUntilEqualAsync(IGrainFactory grains, string key, RefBook expected, CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = await grains.GetGrain<IOrderBookGrain>(key).GetSnapshotAsync(int.MaxValue);
            var actual = new RefBook(
                [.. snapshot.Bids.Select(l => (l.Price.ToDecimal(), l.Size.ToDecimal()))],
                [.. snapshot.Asks.Select(l => (l.Price.ToDecimal(), l.Size.ToDecimal()))]);
            if (snapshot.SyncState == BookSyncState.Synced && actual.Equals(expected))
            {
                return;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                snapshot.SyncState.Should().Be(BookSyncState.Synced, key);
                actual.Bids.Should().Equal(expected.Bids, key);
                actual.Asks.Should().Equal(expected.Asks, key);
            }

            await Task.Delay(25, CancellationToken.None);
        }
    }
}
