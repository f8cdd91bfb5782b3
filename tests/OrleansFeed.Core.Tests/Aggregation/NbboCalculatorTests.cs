using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Time;
using static OrleansFeed.Core.Tests.Aggregation.AggregationTestData;

namespace OrleansFeed.Core.Tests.Aggregation;

/// <summary>Verifies the consolidated quote: best prices, sizes and venues, exclusion rules, locked/crossed flags and fee ranking.</summary>
public class NbboCalculatorTests
{
    private static readonly Timestamp T0 = At("2024-01-01T00:00:00Z");

    private static VenueQuote Quote(string venue, string bid, string bidSize, string ask, string askSize, Timestamp received, bool verified = true, bool halted = false) =>
        new(venue, D(bid), D(bidSize), D(ask), D(askSize), verified, halted, received.PlusMicros(-1000), received);

    private static NbboCalculator Calculator() => new("BTC-USDT", new VenueQuoteConfig(TimeSpan.FromSeconds(5), 0m));

    [Fact]
    public void Compute_ThreeVenues_ReportsBestPricesAggregateSizesAndVenuesAtBest()
    {
        var nbbo = Calculator();
        nbbo.Update(Quote("a", "100", "1", "101", "2", T0));
        nbbo.Update(Quote("b", "100.0", "3", "100.5", "1", T0));
        nbbo.Update(Quote("c", "99.5", "10", "100.50", "4", T0));

        var result = nbbo.Compute(T0);

        result.BidPrice.Should().Be(100m);
        result.BidSize.Should().Be(4m);
        result.BidVenues.Should().Equal(new VenueSize("a", 1m), new VenueSize("b", 3m));
        result.AskPrice.Should().Be(100.5m);
        result.AskSize.Should().Be(5m);
        result.AskVenues.Should().Equal(new VenueSize("b", 1m), new VenueSize("c", 4m));
        result.Spread.Should().Be(0.5m);
        result.IsLocked.Should().BeFalse();
        result.IsCrossed.Should().BeFalse();
        result.EligibleVenueCount.Should().Be(3);
    }

    [Fact]
    public void Compute_QuoteExactlyMaxAgeOld_IsUsedAndOneMicrosecondOlderIsExcluded()
    {
        var nbbo = Calculator();
        nbbo.Update(Quote("a", "100", "1", "101", "1", T0));
        nbbo.Update(Quote("b", "99", "1", "102", "1", T0.Plus(TimeSpan.FromSeconds(3))));

        var atBoundary = nbbo.Compute(T0.Plus(TimeSpan.FromSeconds(5)));
        var pastBoundary = nbbo.Compute(T0.Plus(TimeSpan.FromSeconds(5)).PlusMicros(1));

        atBoundary.BidPrice.Should().Be(100m);
        atBoundary.EligibleVenueCount.Should().Be(2);
        pastBoundary.BidPrice.Should().Be(99m);
        pastBoundary.AskPrice.Should().Be(102m);
        pastBoundary.EligibleVenueCount.Should().Be(1);
        nbbo.GetEligibility("a", T0.Plus(TimeSpan.FromSeconds(5)).PlusMicros(1)).Should().Be(VenueEligibility.Stale);
    }

    [Fact]
    public void Compute_UnverifiedBook_IsExcluded()
    {
        var nbbo = Calculator();
        nbbo.Update(Quote("a", "100", "1", "101", "1", T0, verified: false));
        nbbo.Update(Quote("b", "99", "2", "102", "2", T0));

        var result = nbbo.Compute(T0);

        result.BidPrice.Should().Be(99m);
        result.AskPrice.Should().Be(102m);
        nbbo.GetEligibility("a", T0).Should().Be(VenueEligibility.Unverified);
    }

    [Fact]
    public void Compute_HaltedVenue_IsExcluded()
    {
        var nbbo = Calculator();
        nbbo.Update(Quote("a", "100", "1", "101", "1", T0, halted: true));
        nbbo.Update(Quote("b", "99", "2", "102", "2", T0));

        var result = nbbo.Compute(T0);

        result.BidVenues.Should().Equal(new VenueSize("b", 2m));
        result.AskVenues.Should().Equal(new VenueSize("b", 2m));
        nbbo.GetEligibility("a", T0).Should().Be(VenueEligibility.Halted);
    }

    [Fact]
    public void Compute_NoEligibleVenue_GivesEmptySides()
    {
        var nbbo = Calculator();
        nbbo.Update(Quote("a", "100", "1", "101", "1", T0, verified: false));

        var result = nbbo.Compute(T0);

        result.BidPrice.Should().BeNull();
        result.AskPrice.Should().BeNull();
        result.BidVenues.Should().BeEmpty();
        result.IsLocked.Should().BeFalse();
    }

    [Fact]
    public void Compute_BidOnOneVenueEqualsAskOnAnother_IsLockedNotCrossed()
    {
        var nbbo = Calculator();
        nbbo.Update(Quote("a", "100", "1", "101", "1", T0));
        nbbo.Update(Quote("b", "99", "1", "100.00", "1", T0));

        var result = nbbo.Compute(T0);

        result.IsLocked.Should().BeTrue();
        result.IsCrossed.Should().BeFalse();
        result.Spread.Should().Be(0m);
    }

    [Fact]
    public void Compute_BidAboveAskAcrossVenues_IsCrossedAndStillShown()
    {
        var nbbo = Calculator();
        nbbo.Update(Quote("a", "101", "1", "102", "1", T0));
        nbbo.Update(Quote("b", "99", "1", "100", "1", T0));

        var result = nbbo.Compute(T0);

        result.IsCrossed.Should().BeTrue();
        result.IsLocked.Should().BeFalse();
        result.BidPrice.Should().Be(101m);
        result.AskPrice.Should().Be(100m);
        result.Spread.Should().Be(-1m);
    }

    [Fact]
    public void Compute_CarriesTimestampsOfTheLastUpdate()
    {
        var nbbo = Calculator();
        nbbo.Update(Quote("a", "100", "1", "101", "1", T0));
        var later = T0.PlusMicros(250);
        nbbo.Update(new VenueQuote("b", D("99"), D("1"), D("102"), D("1"), true, false, T0.PlusMicros(100), later));

        var result = nbbo.Compute(later);

        result.ExchangeTime.Should().Be(T0.PlusMicros(100));
        result.ReceiveTime.Should().Be(later);
    }

    [Fact]
    public void Compute_FeeAdjusted_VenueWithBetterRawPriceButHigherFeeLoses()
    {
        var nbbo = Calculator();
        nbbo.Configure("a", new VenueQuoteConfig(TimeSpan.FromSeconds(5), 10m));
        nbbo.Configure("b", new VenueQuoteConfig(TimeSpan.FromSeconds(5), 2m));
        nbbo.Update(Quote("a", "99.95", "1", "100.00", "1", T0));
        nbbo.Update(Quote("b", "99.90", "2", "100.05", "2", T0));

        var raw = nbbo.Compute(T0);
        var feeAdjusted = nbbo.Compute(T0, NbboPriceMode.FeeAdjusted);

        raw.BidVenues.Should().Equal(new VenueSize("a", 1m));
        raw.AskVenues.Should().Equal(new VenueSize("a", 1m));

        // a: ask 100.00 × 1.0010 = 100.1, bid 99.95 × 0.9990 = 99.85005
        // b: ask 100.05 × 1.0002 = 100.07001, bid 99.90 × 0.9998 = 99.88002
        feeAdjusted.AskPrice.Should().Be(100.07001m);
        feeAdjusted.AskVenues.Should().Equal(new VenueSize("b", 2m));
        feeAdjusted.BidPrice.Should().Be(99.88002m);
        feeAdjusted.BidVenues.Should().Equal(new VenueSize("b", 2m));
    }

    [Fact]
    public void Configure_NonPositiveAge_Throws()
    {
        var nbbo = Calculator();

        var act = () => nbbo.Configure("a", new VenueQuoteConfig(TimeSpan.Zero, 0m));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MaxQuoteAge*");
    }
}
