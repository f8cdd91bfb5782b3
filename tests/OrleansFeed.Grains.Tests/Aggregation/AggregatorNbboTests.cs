using Microsoft.Extensions.Time.Testing;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Tests.Infrastructure;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Grains.Tests.Aggregation;

/// <summary>The aggregator's NBBO from mirrored venue books: best across venues, deltas, gaps, stale/unverified/halted exclusion, currency policy.</summary>
public sealed class AggregatorNbboTests
{
    private const string Binance = "binance:BTCUSDT";
    private const string Kraken = "kraken:XBTUSDT";

    private static readonly Instrument[] TwoVenues =
    [
        AggregationHarness.Spot("binance", "BTCUSDT", "BTC-USDT"),
        AggregationHarness.Spot("kraken", "XBTUSDT", "BTC-USDT"),
    ];

    private static void ArrangeTwo(FakeBooks books, FakeTimeProvider clock)
    {
        var now = Core.Time.Timestamp.Now(clock);
        books.Set(Binance, 10, now, [("100.00", "1"), ("99.00", "2")], [("101.00", "1"), ("102.00", "3")]);
        books.Set(Kraken, 20, now, [("100.5", "0.5")], [("101.0", "2")]);
    }

    [Fact]
    public async Task Nbbo_TwoVenues_BestPriceAcrossVenuesWithVenuesAtTheBest()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, ArrangeTwo);

        var nbbo = await h.Aggregator("BTC-USDT").GetNbboAsync().WaitAsync(AggregationHarness.Timeout);

        nbbo.Nbbo.BidPrice.Should().Be(100.5m);
        nbbo.Nbbo.BidVenues.Should().Equal(new VenueSize("kraken", 0.5m));
        nbbo.Nbbo.AskPrice.Should().Be(101m);
        nbbo.Nbbo.AskSize.Should().Be(3m);
        nbbo.Nbbo.AskVenues.Select(v => v.Venue).Should().Equal("binance", "kraken");
        nbbo.Nbbo.EligibleVenueCount.Should().Be(2);
        nbbo.Venues.Select(v => v.Eligibility).Should().AllBeEquivalentTo(VenueEligibility.Eligible);
    }

    [Fact]
    public async Task Nbbo_UpdateDelta_AppliedToMirrorAndPublished()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, ArrangeTwo);
        await h.Aggregator("BTC-USDT").EnsureActiveAsync().WaitAsync(AggregationHarness.Timeout);
        var published = new TaskCompletionSource<AggregatedNbbo>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sub = h.Streams.GetStream<AggregatedNbbo>(new FanOutStreamId(StreamNamespaces.Nbbo, "BTC-USDT")).Subscribe(n =>
        {
            if (n.Nbbo.BidPrice == 100.75m)
            {
                published.TrySetResult(n);
            }

            return ValueTask.CompletedTask;
        });

        await h.PublishDeltaAsync(Binance, BookDeltaKind.Update, 11, (BookSide.Bid, "100.75", "4"));

        var update = await published.Task.WaitAsync(AggregationHarness.Timeout);
        update.Nbbo.BidVenues.Should().Equal(new VenueSize("binance", 4m));
        update.Sequence.Should().BeGreaterThan(0);
        var latency = await h.Aggregator("BTC-USDT").GetLatencyAsync();
        latency.Count.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Nbbo_DeltaBelowTheTop_NoNbboPublished()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, ArrangeTwo);
        var grain = h.Aggregator("BTC-USDT");
        var before = (await grain.GetNbboAsync().WaitAsync(AggregationHarness.Timeout)).Sequence;

        await h.PublishDeltaAsync(Binance, BookDeltaKind.Update, 11, (BookSide.Bid, "90.00", "5"), (BookSide.Ask, "110.00", "5"));
        await h.PublishDeltaAsync(Binance, BookDeltaKind.Update, 12, (BookSide.Bid, "100.80", "1"));

        var nbbo = await AggregationHarness.UntilAsync(grain.GetNbboAsync, n => n.Nbbo.BidPrice == 100.80m, "the top change arrived");
        nbbo.Sequence.Should().Be(before + 1, "the deeper change did not move the NBBO");
        var depth = await grain.GetDepthAsync(10);
        depth.Bids.Should().Contain(l => l.Price == 90m, "the deep level is in the mirror");
    }

    [Fact]
    public async Task Nbbo_UnverifiedBook_ExcludedUntilItsNextProof()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, ArrangeTwo);
        var grain = h.Aggregator("BTC-USDT");
        await AggregationHarness.UntilAsync(grain.GetNbboAsync, n => n.Nbbo.EligibleVenueCount == 2, "both venues quote");

        await h.PublishStateAsync(Kraken, 21, BookSyncState.Unverified);

        var nbbo = await AggregationHarness.UntilAsync(grain.GetNbboAsync, n => n.Nbbo.EligibleVenueCount == 1, "kraken's book may have lost an update");
        nbbo.Venues.Single(v => v.Venue == "kraken").Eligibility.Should().Be(VenueEligibility.Unverified);
        nbbo.Nbbo.BidPrice.Should().Be(100m, "kraken's 100.5 bid is out");

        await h.PublishStateAsync(Kraken, 22, BookSyncState.Synced);
        nbbo = await AggregationHarness.UntilAsync(grain.GetNbboAsync, n => n.Nbbo.EligibleVenueCount == 2, "the next proof restored kraken");
        nbbo.Nbbo.BidPrice.Should().Be(100.5m);
    }

    [Fact]
    public async Task Nbbo_UnverifiableBook_StillQuotes()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, ArrangeTwo);
        var grain = h.Aggregator("BTC-USDT");
        await AggregationHarness.UntilAsync(grain.GetNbboAsync, n => n.Nbbo.EligibleVenueCount == 2, "both venues quote");

        await h.PublishStateAsync(Kraken, 21, BookSyncState.Unverifiable);
        await h.PublishDeltaAsync(Binance, BookDeltaKind.Update, 11, (BookSide.Bid, "100.75", "4"));

        var nbbo = await AggregationHarness.UntilAsync(grain.GetNbboAsync, n => n.Nbbo.BidPrice == 100.75m, "binance's update arrived after kraken's state change");
        nbbo.Nbbo.EligibleVenueCount.Should().Be(2, "a feed without proof quotes as its best (docs/errors.md#book-states)");
    }

    [Fact]
    public async Task Nbbo_StaleDelta_VenueUnverifiedAndExcluded()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, ArrangeTwo);
        var grain = h.Aggregator("BTC-USDT");
        await grain.EnsureActiveAsync().WaitAsync(AggregationHarness.Timeout);

        await h.PublishDeltaAsync(Kraken, BookDeltaKind.Stale, 21);

        var nbbo = await AggregationHarness.UntilAsync(grain.GetNbboAsync, n => n.Nbbo.EligibleVenueCount == 1, "kraken went stale");
        nbbo.Venues.Single(v => v.Venue == "kraken").Eligibility.Should().Be(VenueEligibility.Unverified);
        nbbo.Nbbo.BidPrice.Should().Be(100m);
        nbbo.Nbbo.AskVenues.Should().Equal(new VenueSize("binance", 1m));
    }

    [Fact]
    public async Task Nbbo_SequenceGap_ReloadsSnapshot()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, ArrangeTwo);
        var grain = h.Aggregator("BTC-USDT");
        await grain.EnsureActiveAsync().WaitAsync(AggregationHarness.Timeout);
        var before = h.Books.Requests(Binance);
        h.Books.Set(Binance, 15, h.Now, [("100.90", "1")], [("100.95", "1")]);
        var published = new TaskCompletionSource<AggregatedNbbo>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sub = h.Streams.GetStream<AggregatedNbbo>(new FanOutStreamId(StreamNamespaces.Nbbo, "BTC-USDT")).Subscribe(n =>
        {
            published.TrySetResult(n);
            return ValueTask.CompletedTask;
        });

        await h.PublishDeltaAsync(Binance, BookDeltaKind.Update, 13, (BookSide.Bid, "1", "1"));

        var nbbo = await published.Task.WaitAsync(AggregationHarness.Timeout);
        nbbo.Nbbo.BidPrice.Should().Be(100.90m, "the gap forced a reload and the reloaded top was published");
        nbbo.Nbbo.AskPrice.Should().Be(100.95m);
        h.Books.Requests(Binance).Should().Be(before + 1);
    }

    [Fact]
    public async Task Nbbo_QuoteOlderThanMaxAge_VenueStale()
    {
        var settings = new Dictionary<string, string?> { ["Aggregation:Venues:kraken:MaxQuoteAge"] = "00:00:30" };
        await using var h = await AggregationHarness.StartAsync(TwoVenues, ArrangeTwo, settings);
        var grain = h.Aggregator("BTC-USDT");

        h.Clock.Advance(TimeSpan.FromSeconds(6));
        var nbbo = await grain.GetNbboAsync().WaitAsync(AggregationHarness.Timeout);

        nbbo.Venues.Single(v => v.Venue == "binance").Eligibility.Should().Be(VenueEligibility.Stale, "binance uses the 5 s default");
        nbbo.Venues.Single(v => v.Venue == "kraken").Eligibility.Should().Be(VenueEligibility.Eligible, "kraken allows 30 s");
        nbbo.Nbbo.BidPrice.Should().Be(100.5m);
        nbbo.Nbbo.AskVenues.Should().Equal(new VenueSize("kraken", 2m));
    }

    [Fact]
    public async Task Nbbo_HaltedInstrument_Excluded()
    {
        Instrument[] instruments = [TwoVenues[0], AggregationHarness.Spot("kraken", "XBTUSDT", "BTC-USDT", InstrumentStatus.Halted)];
        await using var h = await AggregationHarness.StartAsync(instruments, ArrangeTwo);

        var nbbo = await h.Aggregator("BTC-USDT").GetNbboAsync().WaitAsync(AggregationHarness.Timeout);

        nbbo.Venues.Single(v => v.Venue == "kraken").Eligibility.Should().Be(VenueEligibility.Halted);
        nbbo.Nbbo.BidPrice.Should().Be(100m);
    }

    [Fact]
    public async Task Nbbo_CrossedAcrossVenues_FlaggedNotHidden()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, (books, clock) =>
        {
            var now = Core.Time.Timestamp.Now(clock);
            books.Set(Binance, 1, now, [("101.50", "1")], [("102.00", "1")]);
            books.Set(Kraken, 1, now, [("100.0", "1")], [("101.0", "1")]);
        });

        var nbbo = await h.Aggregator("BTC-USDT").GetNbboAsync().WaitAsync(AggregationHarness.Timeout);

        nbbo.Nbbo.IsCrossed.Should().BeTrue();
        nbbo.Nbbo.Spread.Should().Be(-0.5m);
    }

    [Fact]
    public async Task Nbbo_MergedUsdPolicy_OneAggregatorForUsdtAndUsdc()
    {
        Instrument[] instruments = [AggregationHarness.Spot("binance", "BTCUSDT", "BTC-USDT"), AggregationHarness.Spot("binance", "BTCUSDC", "BTC-USDC")];
        var settings = new Dictionary<string, string?> { ["Aggregation:QuoteCurrencyPolicy"] = "TreatUsdStablecoinsAsOne" };
        await using var h = await AggregationHarness.StartAsync(instruments, (books, clock) =>
        {
            var now = Core.Time.Timestamp.Now(clock);
            books.Set("binance:BTCUSDT", 1, now, [("100", "1")], [("102", "1")]);
            books.Set("binance:BTCUSDC", 1, now, [("101", "1")], [("103", "1")]);
        }, settings);

        var nbbo = await h.Aggregator("BTC-USD*").GetNbboAsync().WaitAsync(AggregationHarness.Timeout);

        nbbo.Nbbo.BidVenues.Should().Equal(new VenueSize("binance:BTCUSDC", 1m));
        nbbo.Nbbo.AskVenues.Should().Equal(new VenueSize("binance:BTCUSDT", 1m));
    }

    [Fact]
    public async Task FeeAdjusted_TakerFees_RankVenuesAllIn()
    {
        var settings = new Dictionary<string, string?> { ["Aggregation:Venues:kraken:TakerFeeBps"] = "100" };
        await using var h = await AggregationHarness.StartAsync(TwoVenues, ArrangeTwo, settings);
        var grain = h.Aggregator("BTC-USDT");

        var nbbo = await grain.GetNbboAsync().WaitAsync(AggregationHarness.Timeout);
        var sweep = await grain.GetSweepAsync(SweepSide.Buy, 2m, NbboPriceMode.Raw);

        nbbo.FeeAdjusted.BidPrice.Should().Be(100m, "kraken's 100.5 less 1 % is 99.495");
        nbbo.FeeAdjusted.AskVenues.Should().Equal(new VenueSize("binance", 1m));
        sweep.FilledSize.Should().Be(2m);
        sweep.Notional.Should().Be(202m);
    }
}
