using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Tests.Books;

/// <summary>Verifies OrderBook level semantics, rejections, BBO, ordering, trimming and crossed detection.</summary>
public class OrderBookTests
{
    private static FixedDecimal D(string text) => FixedDecimal.Parse(text);

    [Fact]
    public void Set_NewThenChangedThenZero_InsertsUpdatesRemoves()
    {
        var book = new OrderBook();

        book.Set(BookSide.Bid, D("100.5"), D("2")).Should().Be(BookUpdateResult.Inserted);
        book.Set(BookSide.Bid, D("100.5"), D("3.25")).Should().Be(BookUpdateResult.Updated);
        book.TryGetSize(BookSide.Bid, D("100.5"), out var size).Should().BeTrue();
        size.ToString().Should().Be("3.25");
        book.BidCount.Should().Be(1);

        book.Set(BookSide.Bid, D("100.5"), D("0")).Should().Be(BookUpdateResult.Removed);
        book.BidCount.Should().Be(0);
        book.TryGetSize(BookSide.Bid, D("100.5"), out _).Should().BeFalse();
    }

    [Fact]
    public void Set_ZeroForUnknownPrice_IsRemovedUnknownAndBookUnchanged()
    {
        var book = new OrderBook();
        book.Set(BookSide.Ask, D("10"), D("1"));

        book.Set(BookSide.Ask, D("11"), D("0")).Should().Be(BookUpdateResult.RemovedUnknown);
        book.Set(BookSide.Bid, D("10"), D("0")).Should().Be(BookUpdateResult.RemovedUnknown, "sides are independent");

        book.ToArray(BookSide.Ask).Should().Equal(new BookLevel(D("10"), D("1")));
    }

    [Theory]
    [InlineData("10", "-1")]
    [InlineData("0", "1")]
    [InlineData("-5", "1")]
    [InlineData("0.000", "1")]
    public void Set_NegativeSizeOrNonPositivePrice_RejectedInvalidAndBookUnchanged(string price, string size)
    {
        var book = new OrderBook();
        book.Set(BookSide.Bid, D("9"), D("1"));

        book.Set(BookSide.Bid, D(price), D(size)).Should().Be(BookUpdateResult.RejectedInvalid);

        book.ToArray(BookSide.Bid).Should().Equal(new BookLevel(D("9"), D("1")));
    }

    [Fact]
    public void Set_BeyondLevelCap_RejectedTooManyLevelsButExistingLevelsStillUpdatable()
    {
        var book = new OrderBook(maxLevelsPerSide: 3);
        for (var i = 1; i <= 3; i++)
        {
            book.Set(BookSide.Ask, new FixedDecimal(i, 0), D("1")).Should().Be(BookUpdateResult.Inserted);
        }

        book.Set(BookSide.Ask, D("4"), D("1")).Should().Be(BookUpdateResult.RejectedTooManyLevels);
        book.Set(BookSide.Ask, D("2"), D("5")).Should().Be(BookUpdateResult.Updated);
        book.Set(BookSide.Bid, D("0.5"), D("1")).Should().Be(BookUpdateResult.Inserted, "the cap is per side");
        book.AskCount.Should().Be(3);
    }

    [Fact]
    public void Constructor_NonPositiveCap_Throws()
    {
        var act = () => new OrderBook(0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void TryGetBest_EmptyAndPopulated_ReturnsHighestBidLowestAsk()
    {
        var book = new OrderBook();
        book.TryGetBestBid(out _).Should().BeFalse();
        book.TryGetBestAsk(out _).Should().BeFalse();

        book.Set(BookSide.Bid, D("99.5"), D("1"));
        book.Set(BookSide.Bid, D("99.9"), D("2"));
        book.Set(BookSide.Bid, D("98"), D("3"));
        book.Set(BookSide.Ask, D("100.2"), D("4"));
        book.Set(BookSide.Ask, D("100.1"), D("5"));
        book.Set(BookSide.Ask, D("101"), D("6"));

        book.TryGetBestBid(out var bid).Should().BeTrue();
        bid.Should().Be(new BookLevel(D("99.9"), D("2")));
        book.TryGetBestAsk(out var ask).Should().BeTrue();
        ask.Should().Be(new BookLevel(D("100.1"), D("5")));
        book.IsCrossed.Should().BeFalse();
    }

    [Fact]
    public void CopyTop_ShortDestination_WritesBestFirstUpToLength()
    {
        var book = new OrderBook();
        foreach (var p in new[] { "5", "1", "3", "2", "4" })
        {
            book.Set(BookSide.Bid, D(p), D("1"));
            book.Set(BookSide.Ask, D(p), D("1"));
        }

        Span<BookLevel> top = stackalloc BookLevel[3];
        book.CopyTop(BookSide.Bid, top).Should().Be(3);
        top.ToArray().Select(l => l.Price.ToString()).Should().Equal("5", "4", "3");
        book.CopyTop(BookSide.Ask, top).Should().Be(3);
        top.ToArray().Select(l => l.Price.ToString()).Should().Equal("1", "2", "3");

        book.ToArray(BookSide.Ask, depth: 2).Select(l => l.Price.ToString()).Should().Equal("1", "2");
        book.ToArray(BookSide.Ask, depth: -1).Should().BeEmpty();
    }

    [Fact]
    public void TrimTo_KeepsBestLevelsOnBothSides()
    {
        var book = new OrderBook();
        for (var i = 1; i <= 10; i++)
        {
            book.Set(BookSide.Bid, new FixedDecimal(i, 0), D("1"));
            book.Set(BookSide.Ask, new FixedDecimal(100 + i, 0), D("1"));
        }

        book.TrimTo(3).Should().Be(14);

        book.ToArray(BookSide.Bid).Select(l => l.Price.Mantissa).Should().Equal(10, 9, 8);
        book.ToArray(BookSide.Ask).Select(l => l.Price.Mantissa).Should().Equal(101, 102, 103);
        book.TrimTo(5).Should().Be(0);
    }

    [Theory]
    [InlineData("100", "100", true)]
    [InlineData("100.0", "100.00", true)]
    [InlineData("100.1", "100", true)]
    [InlineData("99.99", "100", false)]
    public void IsCrossed_LockedOrCrossed_True(string bid, string ask, bool crossed)
    {
        var book = new OrderBook();
        book.Set(BookSide.Bid, D(bid), D("1"));
        book.Set(BookSide.Ask, D(ask), D("1"));

        book.IsCrossed.Should().Be(crossed);
    }

    [Fact]
    public void Set_SamePriceDifferentScale_TreatedAsOneLevelAndKeepsNewestText()
    {
        var book = new OrderBook();
        book.Set(BookSide.Bid, D("1.0"), D("5")).Should().Be(BookUpdateResult.Inserted);
        book.Set(BookSide.Bid, D("1.000"), D("6.00")).Should().Be(BookUpdateResult.Updated);
        book.ToArray(BookSide.Bid).Single().Price.ToString().Should().Be("1.000");

        book.Set(BookSide.Bid, D("1.00"), D("0.0")).Should().Be(BookUpdateResult.Removed);

        book.BidCount.Should().Be(0);
    }

    [Fact]
    public void Clear_EmptiesBothSidesAndBookIsReusable()
    {
        var book = new OrderBook();
        book.Set(BookSide.Bid, D("1"), D("1"));
        book.Set(BookSide.Ask, D("2"), D("1"));

        book.Clear();
        book.BidCount.Should().Be(0);
        book.AskCount.Should().Be(0);
        book.TryGetBestBid(out _).Should().BeFalse();

        book.Set(BookSide.Ask, D("3"), D("1")).Should().Be(BookUpdateResult.Inserted);
        book.ToArray(BookSide.Ask).Single().Price.ToString().Should().Be("3");
    }
}
