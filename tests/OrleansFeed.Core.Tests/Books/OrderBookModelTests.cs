using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Tests.Books;

/// <summary>Randomised (fixed-seed) comparison of OrderBook against a SortedDictionary model over many inserts, updates, deletes and trims.</summary>
public class OrderBookModelTests
{
    [Theory]
    [InlineData(1, 5_000, 200)]
    [InlineData(2, 20_000, 2_000)]
    [InlineData(3, 10_000, 30)]
    public void RandomOperations_MatchSortedDictionaryModel(int seed, int operations, int priceRange)
    {
        var random = new Random(seed);
        var book = new OrderBook();
        var bids = new SortedDictionary<decimal, FixedDecimal>(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
        var asks = new SortedDictionary<decimal, FixedDecimal>();

        for (var op = 0; op < operations; op++)
        {
            var side = random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
            var model = side == BookSide.Bid ? bids : asks;

            // Random scale 0..3 for the same numeric price exercises numeric equality across scales.
            var ticks = random.Next(1, priceRange + 1);
            var extraScale = random.Next(4);
            var price = new FixedDecimal(ticks * Pow10(extraScale), 2 + extraScale);
            var roll = random.Next(100);
            var size = roll < 35 ? FixedDecimal.Zero : new FixedDecimal(random.Next(1, 1_000_000), random.Next(0, 9));

            var result = book.Set(side, price, size);

            var key = price.ToDecimal();
            if (size.IsZero)
            {
                result.Should().Be(model.Remove(key) ? BookUpdateResult.Removed : BookUpdateResult.RemovedUnknown);
            }
            else
            {
                result.Should().Be(model.ContainsKey(key) ? BookUpdateResult.Updated : BookUpdateResult.Inserted);
                model[key] = size;
            }

            if (op % 997 == 0)
            {
                var keep = random.Next(0, 50);
                var expectedRemoved = Math.Max(0, bids.Count - keep) + Math.Max(0, asks.Count - keep);
                book.TrimTo(keep).Should().Be(expectedRemoved);
                Trim(bids, keep);
                Trim(asks, keep);
            }

            if (op % 101 == 0 || op == operations - 1)
            {
                AssertEqual(book, BookSide.Bid, bids, op);
                AssertEqual(book, BookSide.Ask, asks, op);
            }
        }
    }

    private static void AssertEqual(OrderBook book, BookSide side, SortedDictionary<decimal, FixedDecimal> model, int op)
    {
        var actual = book.ToArray(side);
        actual.Length.Should().Be(model.Count, $"{side} count after op {op}");
        (side == BookSide.Bid ? book.BidCount : book.AskCount).Should().Be(model.Count);
        var i = 0;
        foreach (var (price, size) in model)
        {
            actual[i].Price.ToDecimal().Should().Be(price, $"{side} level {i} after op {op}");
            actual[i].Size.Should().Be(size);
            actual[i].Size.Scale.Should().Be(size.Scale, "the newest size text is kept");
            i++;
        }

        var hasBest = side == BookSide.Bid ? book.TryGetBestBid(out var best) : book.TryGetBestAsk(out best);
        hasBest.Should().Be(model.Count > 0);
        if (hasBest)
        {
            best.Should().Be(actual[0]);
        }
    }

    private static void Trim(SortedDictionary<decimal, FixedDecimal> model, int keep)
    {
        foreach (var key in model.Keys.Skip(keep).ToList())
        {
            model.Remove(key);
        }
    }

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
