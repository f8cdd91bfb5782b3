using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Tests.Books;

/// <summary>
/// Property tests: random (fixed-seed) operation sequences shaped like market data — most updates near the touch, a
/// moving mid, sorted snapshot loads after a clear, trims, a small level cap — applied to <see cref="OrderBook"/> and to
/// <see cref="ReferenceBook"/>; every result, every level (price and size text), best, worst, top-N and crossed state agree.
/// </summary>
public class OrderBookPropertyTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        // seed, level cap, operations
        { 11, 50_000, 30_000 },
        { 12, 50_000, 30_000 },
        { 13, 40, 20_000 },
        { 14, 7, 10_000 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MarketShapedOperations_AgreeWithSortedDictionaryReference(int seed, int maxLevels, int operations)
    {
        var random = new Random(seed);
        var book = new OrderBook(maxLevels);
        var reference = new ReferenceBook(maxLevels);
        var mid = 100_000L;
        for (var op = 0; op < operations; op++)
        {
            var roll = random.Next(1000);
            if (roll < 3)
            {
                LoadSnapshot(book, reference, random, mid);
            }
            else if (roll < 6)
            {
                var keep = random.Next(0, 60);
                book.TrimTo(keep).Should().Be(reference.TrimTo(keep), $"trim to {keep} at op {op}");
            }
            else
            {
                mid += random.Next(-3, 4);
                var side = random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
                var price = PriceNear(random, side, mid);
                var size = random.Next(100) < 40 ? Scaled(0, random) : Scaled(random.Next(1, 1_000_000), random);
                if (random.Next(500) == 0)
                {
                    size = new FixedDecimal(-size.Mantissa - 1, size.Scale);
                }

                book.Set(side, price, size).Should().Be(reference.Set(side, price, size), $"set {side} {price} {size} at op {op}");
            }

            AssertTouch(book, reference, op);
            if (op % 97 == 0 || op == operations - 1)
            {
                AssertSame(book, reference, op);
            }
        }
    }

    [Fact]
    public void SnapshotsInAnyOrder_AgreeWithReference()
    {
        var random = new Random(21);
        var book = new OrderBook();
        var reference = new ReferenceBook();
        foreach (var order in new[] { "best-first", "worst-first", "shuffled", "best-first" })
        {
            book.Clear();
            reference.Clear();
            var prices = Enumerable.Range(1, 3_000).Select(i => (long)i * 5).ToList();
            var sorted = order switch
            {
                "best-first" => prices,
                "worst-first" => Enumerable.Reverse(prices).ToList(),
                _ => [.. prices.OrderBy(_ => random.Next())],
            };
            foreach (var ticks in sorted)
            {
                // Asks ascending best first; bids mirrored so best first is also the listing order.
                var ask = new FixedDecimal(1_000_000 + ticks, 2);
                var bid = new FixedDecimal(1_000_000 - ticks, 2);
                var size = Scaled(ticks, random);
                book.Set(BookSide.Ask, ask, size).Should().Be(reference.Set(BookSide.Ask, ask, size));
                book.Set(BookSide.Bid, bid, size).Should().Be(reference.Set(BookSide.Bid, bid, size));
            }

            AssertSame(book, reference, 0);
        }
    }

    private static void LoadSnapshot(OrderBook book, ReferenceBook reference, Random random, long mid)
    {
        book.Clear();
        reference.Clear();
        var depth = random.Next(0, 400);
        for (var i = 1; i <= depth; i++)
        {
            var bid = new FixedDecimal(mid - i, 2);
            var ask = new FixedDecimal(mid + i, 2);
            var size = Scaled(random.Next(1, 10_000), random);
            book.Set(BookSide.Bid, bid, size).Should().Be(reference.Set(BookSide.Bid, bid, size));
            book.Set(BookSide.Ask, ask, size).Should().Be(reference.Set(BookSide.Ask, ask, size));
        }
    }

    private static FixedDecimal PriceNear(Random random, BookSide side, long mid)
    {
        // Most updates land within a few ticks of the touch, some deep; a few restate a price at another scale.
        var distance = random.Next(100) < 80 ? random.Next(0, 8) : random.Next(0, 600);
        var ticks = side == BookSide.Bid ? mid - distance : mid + distance;
        return random.Next(50) == 0 ? new FixedDecimal(ticks * 10, 3) : new FixedDecimal(ticks, 2);
    }

    private static FixedDecimal Scaled(long units, Random random) => new(units, random.Next(0, 9));

    private static void AssertTouch(OrderBook book, ReferenceBook reference, int op)
    {
        var bids = reference.Levels(BookSide.Bid);
        var asks = reference.Levels(BookSide.Ask);
        book.BidCount.Should().Be(bids.Length, $"bid count after op {op}");
        book.AskCount.Should().Be(asks.Length, $"ask count after op {op}");
        book.TryGetBestBid(out var bestBid).Should().Be(bids.Length > 0);
        book.TryGetBestAsk(out var bestAsk).Should().Be(asks.Length > 0);
        if (bids.Length > 0)
        {
            bestBid.Should().Be(bids[0]);
            book.TryGetWorst(BookSide.Bid, out var worst).Should().BeTrue();
            worst.Should().Be(bids[^1]);
        }

        if (asks.Length > 0)
        {
            bestAsk.Should().Be(asks[0]);
            book.TryGetWorst(BookSide.Ask, out var worst).Should().BeTrue();
            worst.Should().Be(asks[^1]);
        }

        book.IsCrossed.Should().Be(bids.Length > 0 && asks.Length > 0 && bids[0].Price >= asks[0].Price);
    }

    private static void AssertSame(OrderBook book, ReferenceBook reference, int op)
    {
        foreach (var side in new[] { BookSide.Bid, BookSide.Ask })
        {
            var expected = reference.Levels(side);
            var actual = book.ToArray(side);
            actual.Select(l => l.Price.ToString()).Should().Equal(expected.Select(l => l.Price.ToString()), $"{side} prices (text) after op {op}");
            actual.Select(l => l.Size.ToString()).Should().Equal(expected.Select(l => l.Size.ToString()), $"{side} sizes (text) after op {op}");

            var top = new BookLevel[Math.Min(expected.Length, 25) + 3];
            var written = book.CopyTop(side, top.AsSpan(0, Math.Min(top.Length, 25)));
            written.Should().Be(Math.Min(expected.Length, 25));
            top.AsSpan(0, written).ToArray().Should().Equal(expected.Take(written));
            foreach (var level in expected.Where((_, i) => i % 7 == 0))
            {
                book.TryGetSize(side, level.Price, out var size).Should().BeTrue();
                size.ToString().Should().Be(level.Size.ToString());
            }
        }
    }
}
