using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Kraken;
using OrleansFeed.Exchanges.Okx;

namespace OrleansFeed.Exchanges.Tests.Checksums;

/// <summary>
/// The checksums kept between updates (<see cref="KrakenBookChecksum"/>, <see cref="OkxBookChecksum"/>, both on
/// <c>TopLevelText</c>) against the stateless ones that format every level (<see cref="KrakenChecksum"/>,
/// <see cref="OkxChecksum"/>) after every operation of random sequences: inserts and deletes at and near the touch
/// (levels shifting in and out of the top N), deep updates, sides emptied and refilled, books cleared, and the same
/// number arriving with another scale (<c>1.5</c> → <c>1.50</c>: equal values, different checksum text). Every
/// recorded Kraken and OKX update is covered by the replay tests, whose sync now uses these classes.
/// </summary>
public class IncrementalChecksumTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2026)]
    public void Compute_RandomUpdates_EqualsTheStatelessChecksumAfterEveryOne(int seed)
    {
        var random = new Random(seed);
        var book = new OrderBook();
        var kraken = new KrakenBookChecksum();
        var okx = new OkxBookChecksum();
        var changedTop = 0;
        var previous = 0u;
        for (var step = 0; step < 5_000; step++)
        {
            Mutate(book, random);

            var expected = KrakenChecksum.Compute(book);
            kraken.Compute(book).Should().Be(expected, $"Kraken, seed {seed}, step {step}");
            okx.Compute(book).Should().Be(OkxChecksum.Compute(book), $"OKX, seed {seed}, step {step}");
            changedTop += expected != previous ? 1 : 0;
            previous = expected;
        }

        changedTop.Should().BeInRange(500, 4_900, "the sequence mixes updates inside the top 10 with updates outside it");
    }

    [Fact]
    public void Compute_SameSizeWithAnotherScale_ChecksumFollowsTheText()
    {
        var book = new OrderBook();
        book.Set(BookSide.Bid, FixedDecimal.Parse("100.0"), FixedDecimal.Parse("1.5"));
        book.Set(BookSide.Ask, FixedDecimal.Parse("101.0"), FixedDecimal.Parse("2"));
        var kraken = new KrakenBookChecksum();
        var okx = new OkxBookChecksum();
        var before = kraken.Compute(book);
        okx.Compute(book);

        book.Set(BookSide.Bid, FixedDecimal.Parse("100.0"), FixedDecimal.Parse("1.50"));

        KrakenChecksum.Compute(book).Should().NotBe(before, "the texts 15 and 150 differ");
        kraken.Compute(book).Should().Be(KrakenChecksum.Compute(book));
        okx.Compute(book).Should().Be(OkxChecksum.Compute(book));
    }

    /// <summary>One random operation: mostly size changes, inserts and deletes on a price grid around the touch.</summary>
    private static void Mutate(OrderBook book, Random random)
    {
        var roll = random.Next(100);
        if (roll == 0)
        {
            book.Clear();
            return;
        }

        var side = random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
        // Bids 60.0-99.5, asks 100.5-140.0: 80 prices per side, so the top 10/25 and the levels behind both move.
        var ticks = roll < 60 ? random.Next(12) : random.Next(80);
        var units = side == BookSide.Bid ? 995 - (5 * ticks) : 1005 + (5 * ticks);
        var price = new FixedDecimal(units * (random.Next(4) == 0 ? 10 : 1), random.Next(4) == 0 ? 2 : 1);
        var size = random.Next(5) == 0 ? default : new FixedDecimal(random.Next(1, 2_000) * (random.Next(3) == 0 ? 10 : 1), random.Next(3) == 0 ? 3 : 2);
        book.Set(side, price, size);
    }
}
