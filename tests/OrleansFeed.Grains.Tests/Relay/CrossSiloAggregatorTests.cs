using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Instruments;
using OrleansFeed.TestKit.Orleans;
using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.Grains.Tests.Relay;

/// <summary>
/// An aggregator on one silo mirrors a book on the other (two-silo InProcessTestCluster, recorded OKX playback): its
/// book deltas reach it through the relay, and its view of the venue's top of book ends equal to the book's.
/// </summary>
public sealed class CrossSiloAggregatorTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Aggregator_OnOtherSilo_MirrorsTheBookThroughTheRelay()
    {
        using var timeout = new CancellationTokenSource(Generous);
        await using var playback = await CrossSiloPlayback.StartAsync(frameDelay: TimeSpan.FromMilliseconds(1));
        var symbol = playback.Symbols[0];
        var book = new BookKey(CrossSiloPlayback.Venue, symbol);

        // As the silos' startup does: the configured instruments in every silo's catalog.
        Instrument? instrument = null;
        for (var silo = 0; silo < 2; silo++)
        {
            playback.Cluster.Services(silo).GetRequiredService<VenueRegistry>().TryGet(CrossSiloPlayback.Venue, out var venue).Should().BeTrue();
            instrument = venue.InferInstrument(symbol);
            playback.Cluster.Services(silo).GetRequiredService<IInstrumentCatalog>().AddOrUpdate(instrument);
        }

        var key = NbboGrouping.GroupKey(instrument!.Canonical, QuoteCurrencyPolicy.Separate);
        var aggregator = playback.Cluster.Grains(playback.Consumer).GetGrain<IAggregatorGrain>(key);
        await aggregator.EnsureActiveAsync();
        playback.Cluster.Cluster.TryGetGrainContext(aggregator.GetGrainId(), out var context).Should().BeTrue();
        context!.Address.SiloAddress.Should().Be(playback.Cluster.Address(playback.Consumer), "the aggregator is on the consumer silo, its book on the other");

        await playback.PlayAsync(timeout.Token);

        var bookGrain = playback.Cluster.Grains(playback.Consumer).GetGrain<IOrderBookGrain>(book.ToString());
        var top = await bookGrain.GetSnapshotAsync(1);
        top.Bids.Should().NotBeEmpty();
        top.Asks.Should().NotBeEmpty();
        var quote = await Poll.UntilAsync(
            async () => (await aggregator.GetNbboAsync()).Venues.Single(v => v.Symbol == symbol),
            q => q.BidPrice == top.Bids[0].Price.ToDecimal() && q.BidSize == top.Bids[0].Size.ToDecimal()
                && q.AskPrice == top.Asks[0].Price.ToDecimal() && q.AskSize == top.Asks[0].Size.ToDecimal(),
            "the aggregator's quote of the book equals the book's top",
            timeout.Token);
        quote.Venue.Should().Be(CrossSiloPlayback.Venue);
        playback.Books(playback.Consumer).Books.Should().BeEmpty("the book stays on its connector's silo");
    }
}
