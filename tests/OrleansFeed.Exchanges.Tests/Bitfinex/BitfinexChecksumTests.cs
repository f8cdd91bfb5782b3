using System.Text;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Bitfinex;
using OrleansFeed.Exchanges.Common.Checksums;

namespace OrleansFeed.Exchanges.Tests.Bitfinex;

/// <summary>Verifies the Bitfinex OB_CHECKSUM rule: JavaScript number text, 25 levels per side interleaved bid/ask, ask amounts negative.</summary>
public class BitfinexChecksumTests
{
    [Theory]
    [InlineData("0.79335794", false, "0.79335794")]
    [InlineData("1.50", false, "1.5")]
    [InlineData("100.0", false, "100")]
    [InlineData("230850", false, "230850")]
    [InlineData("1.5", true, "-1.5")]
    [InlineData("0.00000035", false, "3.5e-7")]
    [InlineData("0.00000035", true, "-3.5e-7")]
    [InlineData("0.0000001", false, "1e-7")]
    [InlineData("0.000000012345", false, "1.2345e-8")]
    [InlineData("0.000001", false, "0.000001")]
    [InlineData("0.00000999", false, "0.00000999")]
    [InlineData("-0.5", true, "0.5")]
    public void Format_Amount_MatchesJavaScriptNumberToString(string value, bool negate, string expected)
    {
        Span<byte> buffer = stackalloc byte[FixedDecimal.MaxFormattedLength + 8];

        var written = BitfinexChecksum.Format(FixedDecimal.Parse(value), negate, exponent: true, buffer);

        Encoding.ASCII.GetString(buffer[..written]).Should().Be(expected);
    }

    [Theory]
    [InlineData("0.000000017", "0.000000017")]
    [InlineData("0.00000035", "0.00000035")]
    [InlineData("230850", "230850")]
    [InlineData("0.46680", "0.4668")]
    public void Format_Price_AlwaysPlainDecimal(string value, string expected)
    {
        Span<byte> buffer = stackalloc byte[FixedDecimal.MaxFormattedLength + 8];

        var written = BitfinexChecksum.Format(FixedDecimal.Parse(value), negate: false, exponent: false, buffer);

        Encoding.ASCII.GetString(buffer[..written]).Should().Be(expected);
    }

    [Theory]
    [InlineData("5900", "6000:1:6100:-3:5900:2:6200:-4")]
    [InlineData("1.7e-8", "6000:1:6100:-3:0.000000017:2:6200:-4")]
    public void Compute_ReferenceClientExamples_SameText(string secondBid, string expectedText)
    {
        // bitfinexcom/bfx-api-node-models test/lib/order_book.js: bids [6000,1,1],[secondBid,1,2]; asks [6100,1,-3],[6200,1,-4].
        var book = new OrderBook();
        book.Set(BookSide.Bid, FixedDecimal.Parse("6000"), FixedDecimal.Parse("1"));
        book.Set(BookSide.Bid, FixedDecimal.Parse(secondBid), FixedDecimal.Parse("2"));
        book.Set(BookSide.Ask, FixedDecimal.Parse("6100"), FixedDecimal.Parse("3"));
        book.Set(BookSide.Ask, FixedDecimal.Parse("6200"), FixedDecimal.Parse("4"));

        BitfinexChecksum.Compute(book).Should().Be(Crc32.Compute(Encoding.ASCII.GetBytes(expectedText)));
    }

    [Fact]
    public void Compute_SmallBook_CrcOfInterleavedText()
    {
        var book = new OrderBook();
        book.Set(BookSide.Bid, FixedDecimal.Parse("230850"), FixedDecimal.Parse("0.79335794"));
        book.Set(BookSide.Bid, FixedDecimal.Parse("230820"), FixedDecimal.Parse("0.39"));
        book.Set(BookSide.Bid, FixedDecimal.Parse("230810"), FixedDecimal.Parse("0.41"));
        book.Set(BookSide.Ask, FixedDecimal.Parse("231310"), FixedDecimal.Parse("1.50"));
        book.Set(BookSide.Ask, FixedDecimal.Parse("231360"), FixedDecimal.Parse("0.00000035"));

        var expected = Crc32.Compute("230850:0.79335794:231310:-1.5:230820:0.39:231360:-3.5e-7:230810:0.41"u8);

        BitfinexChecksum.Compute(book).Should().Be(expected);
    }

    [Fact]
    public void Compute_DeepBook_OnlyTop25PerSide()
    {
        var book = new OrderBook();
        var text = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            book.Set(BookSide.Bid, new FixedDecimal(1000 - i, 0), new FixedDecimal(i + 1, 0));
            book.Set(BookSide.Ask, new FixedDecimal(2000 + i, 0), new FixedDecimal(i + 1, 0));
            if (i < 25)
            {
                text.Add($"{1000 - i}:{i + 1}:{2000 + i}:-{i + 1}");
            }
        }

        BitfinexChecksum.Compute(book).Should().Be(Crc32.Compute(Encoding.ASCII.GetBytes(string.Join(':', text))));
    }
}
