using System.Text;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Checksums;
using OrleansFeed.Exchanges.Kraken;

namespace OrleansFeed.Exchanges.Tests.Kraken;

/// <summary>Verifies the Kraken book checksum on the published worked example (exchange-protocols.md §4) and its text rules.</summary>
public class KrakenChecksumTests
{
    public static readonly string[] ExampleAsks =
    [
        "45285.2:0.00100000", "45286.4:1.54571953", "45286.6:1.54571109", "45289.6:1.54560911", "45290.2:0.15890660",
        "45291.8:1.54553491", "45294.7:0.04454749", "45296.1:0.35380000", "45297.5:0.09945542", "45299.5:0.18772827",
    ];

    public static readonly string[] ExampleBids =
    [
        "45283.5:0.10000000", "45283.4:1.54582015", "45282.1:0.10000000", "45281.0:0.10000000", "45280.3:1.54592586",
        "45279.0:0.07990000", "45277.6:0.03310103", "45277.5:0.30000000", "45277.3:1.54602737", "45276.6:0.15445238",
    ];

    private const string ExampleText =
        "45285210000045286415457195345286615457110945289615456091145290215890660452918154553491452947445474945296135380000452975994554245299518772827"
        + "452835100000004528341545820154528211000000045281010000000452803154592586452790799000045277633101034527753000000045277315460273745276615445238";

    [Fact]
    public void Compute_PublishedWorkedExample_Returns3310070434()
    {
        var book = ExampleBook();

        KrakenChecksum.Compute(book).Should().Be(3310070434u);
    }

    [Fact]
    public void FormatLevelText_PublishedWorkedExample_BuildsTheDocumentedString()
    {
        var book = ExampleBook();
        var text = new StringBuilder();
        Span<byte> buffer = stackalloc byte[FixedDecimal.MaxFormattedLength];
        foreach (var side in new[] { BookSide.Ask, BookSide.Bid })
        {
            foreach (var level in book.ToArray(side, 10))
            {
                text.Append(Encoding.ASCII.GetString(buffer[..KrakenChecksum.FormatLevelText(level.Price, buffer)]));
                text.Append(Encoding.ASCII.GetString(buffer[..KrakenChecksum.FormatLevelText(level.Size, buffer)]));
            }
        }

        text.ToString().Should().Be(ExampleText);
        Crc32.Compute(Encoding.ASCII.GetBytes(ExampleText)).Should().Be(3310070434u);
    }

    [Theory]
    [InlineData("0.05000", "5000")]
    [InlineData("0.00000304", "304")]
    [InlineData("45281.0", "452810")]
    [InlineData("0.10000000", "10000000")]
    public void FormatLevelText_VenueText_RemovesPointAndLeadingZerosOnly(string value, string expected)
    {
        Span<byte> buffer = stackalloc byte[FixedDecimal.MaxFormattedLength];

        var written = KrakenChecksum.FormatLevelText(FixedDecimal.Parse(value), buffer);

        Encoding.ASCII.GetString(buffer[..written]).Should().Be(expected);
    }

    [Fact]
    public void Compute_DeeperBook_HashesOnlyTopTenPerSide()
    {
        var book = ExampleBook();
        book.Set(BookSide.Ask, FixedDecimal.Parse("45300.0"), FixedDecimal.Parse("9.00000000"));
        book.Set(BookSide.Bid, FixedDecimal.Parse("45270.0"), FixedDecimal.Parse("9.00000000"));

        KrakenChecksum.Compute(book).Should().Be(3310070434u);
    }

    internal static OrderBook ExampleBook()
    {
        var book = new OrderBook();
        foreach (var (side, levels) in new[] { (BookSide.Ask, ExampleAsks), (BookSide.Bid, ExampleBids) })
        {
            foreach (var level in levels)
            {
                var parts = level.Split(':');
                book.Set(side, FixedDecimal.Parse(parts[0]), FixedDecimal.Parse(parts[1]));
            }
        }

        return book;
    }
}
