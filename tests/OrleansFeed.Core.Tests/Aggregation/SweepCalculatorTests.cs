using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Books;
using static OrleansFeed.Core.Tests.Aggregation.AggregationTestData;

namespace OrleansFeed.Core.Tests.Aggregation;

/// <summary>Verifies size-aware sweeps across venues: level walking, VWAP, per-venue fills and fee-aware ranking.</summary>
public class SweepCalculatorTests
{
    private static SweepCalculator TwoVenues()
    {
        var sweep = new SweepCalculator();
        sweep.AddVenue("a", [Level("99", "1"), Level("98", "1")], [Level("100", "1"), Level("101", "2"), Level("103", "5")]);
        sweep.AddVenue("b", [Level("99.5", "0.5"), Level("97", "10")], [Level("100.5", "1.5"), Level("102", "1")]);
        return sweep;
    }

    [Fact]
    public void Sweep_BuyWalkingSeveralLevelsOnTwoVenues_GivesVolumeWeightedPrice()
    {
        var result = TwoVenues().Sweep(SweepSide.Buy, 4m);

        // 100 × 1 (a) + 100.5 × 1.5 (b) + 101 × 1.5 (a) = 402.25 for 4
        result.FilledSize.Should().Be(4m);
        result.IsComplete.Should().BeTrue();
        result.Notional.Should().Be(402.25m);
        result.Vwap.Should().Be(100.5625m);
        result.Fills.Should().Equal(
            new VenueFill("a", 2.5m, 251.5m, 100.6m),
            new VenueFill("b", 1.5m, 150.75m, 100.5m));
    }

    [Fact]
    public void Sweep_SellWalksBidsFromTheHighest()
    {
        var result = TwoVenues().Sweep(SweepSide.Sell, 2m);

        // 99.5 × 0.5 (b) + 99 × 1 (a) + 98 × 0.5 (a) = 197.75 for 2
        result.Notional.Should().Be(197.75m);
        result.Vwap.Should().Be(98.875m);
        result.Fills.Should().Equal(
            new VenueFill("a", 1.5m, 148m, 148m / 1.5m),
            new VenueFill("b", 0.5m, 49.75m, 99.5m));
    }

    [Fact]
    public void Sweep_SizeBeyondTheLevels_FillsWhatThereIsAndIsIncomplete()
    {
        var result = TwoVenues().Sweep(SweepSide.Buy, 100m);

        result.FilledSize.Should().Be(10.5m);
        result.IsComplete.Should().BeFalse();
    }

    [Fact]
    public void Sweep_ZeroSize_FillsNothing()
    {
        var result = TwoVenues().Sweep(SweepSide.Buy, 0m);

        result.FilledSize.Should().Be(0m);
        result.Vwap.Should().BeNull();
        result.Fills.Should().BeEmpty();
    }

    [Fact]
    public void Sweep_FeeAdjusted_CheaperRawVenueWithHigherFeeLoses()
    {
        var sweep = new SweepCalculator();
        sweep.AddVenue("a", ReadOnlySpan<BookLevel>.Empty, [Level("100.00", "1")], takerFeeBps: 10m);
        sweep.AddVenue("b", ReadOnlySpan<BookLevel>.Empty, [Level("100.05", "1")], takerFeeBps: 2m);

        var raw = sweep.Sweep(SweepSide.Buy, 1m);
        var feeAware = sweep.Sweep(SweepSide.Buy, 1m, NbboPriceMode.FeeAdjusted);

        raw.Fills.Should().ContainSingle().Which.Venue.Should().Be("a");
        raw.AllInVwap.Should().Be(100.1m);
        feeAware.Fills.Should().ContainSingle().Which.Venue.Should().Be("b");
        feeAware.Vwap.Should().Be(100.05m);
        feeAware.AllInVwap.Should().Be(100.07001m);
    }
}
