using OrleansFeed.Core.Aggregation.Depth;
using OrleansFeed.Core.Aggregation.Nbbo;
using static OrleansFeed.Core.Tests.Aggregation.AggregationTestData;

namespace OrleansFeed.Core.Tests.Aggregation;

/// <summary>Verifies the merge of venues' levels into consolidated depth: ordering, totals and per-venue sizes.</summary>
public class ConsolidatedDepthTests
{
    [Fact]
    public void Merge_TwoVenues_OrdersSidesAndSumsEqualPrices()
    {
        var a = new VenueDepth("a", [Level("100", "1"), Level("99", "2"), Level("98", "1")], [Level("101", "1"), Level("102", "3")]);
        var b = new VenueDepth("b", [Level("99.5", "1"), Level("100.0", "0.5")], [Level("101.5", "1"), Level("101.00", "2")]);

        var view = ConsolidatedDepth.Merge([a, b], levels: 3);

        view.Bids.Select(l => (l.Price, l.TotalSize)).Should().Equal((100m, 1.5m), (99.5m, 1m), (99m, 2m));
        view.Bids[0].Venues.Should().Equal(new VenueSize("a", 1m), new VenueSize("b", 0.5m));
        view.Asks.Select(l => (l.Price, l.TotalSize)).Should().Equal((101m, 3m), (101.5m, 1m), (102m, 3m));
        view.Asks[0].Venues.Should().Equal(new VenueSize("a", 1m), new VenueSize("b", 2m));
        view.Asks[2].Venues.Should().Equal(new VenueSize("a", 3m));
    }

    [Fact]
    public void Merge_ZeroSizeLevels_AreSkipped()
    {
        var a = new VenueDepth("a", [Level("100", "0"), Level("99", "1")], []);

        var view = ConsolidatedDepth.Merge([a], levels: 5);

        view.Bids.Should().ContainSingle().Which.Price.Should().Be(99m);
        view.Asks.Should().BeEmpty();
    }

    [Fact]
    public void Merge_LevelsBelowOne_Throws()
    {
        var act = () => ConsolidatedDepth.Merge([], levels: 0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
