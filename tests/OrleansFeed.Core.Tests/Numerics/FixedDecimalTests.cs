using System.Text;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Tests.Numerics;

/// <summary>Verifies exact parsing and lossless formatting of venue decimal text.</summary>
public class FixedDecimalTests
{
    [Theory]
    [InlineData("0.00100000")]
    [InlineData("45281.0")]
    [InlineData("0")]
    [InlineData("0.0")]
    [InlineData("-12.50")]
    [InlineData("123456789.123456789")]
    [InlineData("0.000000000000000001")]
    [InlineData("9223372036854775807")]
    [InlineData("1234567890123456789")]
    [InlineData("0.000000000000000000")]
    public void Parse_ThenFormat_ReproducesOriginalTextByteForByte(string text)
    {
        FixedDecimal.TryParse(Encoding.UTF8.GetBytes(text), out var value).Should().BeTrue();

        Span<byte> buffer = stackalloc byte[FixedDecimal.MaxFormattedLength];
        value.TryFormat(buffer, out var written).Should().BeTrue();

        Encoding.UTF8.GetString(buffer[..written]).Should().Be(text);
        value.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    [InlineData("9223372036854775808")]
    [InlineData("12345678901234567890")]
    [InlineData("0.0000000000000000001")]
    [InlineData("NaN")]
    [InlineData("1e")]
    public void TryParse_InvalidOrOutOfRangeText_ReturnsFalse(string text)
    {
        FixedDecimal.TryParse(Encoding.UTF8.GetBytes(text), out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("1.5e-05", "0.000015")]
    [InlineData("2E3", "2000")]
    [InlineData("1.25e1", "12.5")]
    public void TryParse_ExponentNotation_GivesExactValue(string text, string expected)
    {
        FixedDecimal.TryParse(Encoding.UTF8.GetBytes(text), out var value).Should().BeTrue();
        value.ToString().Should().Be(expected);
    }

    [Fact]
    public void Equality_IsNumericAcrossScales_AndHashAgrees()
    {
        var a = FixedDecimal.Parse("1.0");
        var b = FixedDecimal.Parse("1.000");
        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.ToString().Should().NotBe(b.ToString());
    }

    [Theory]
    [InlineData("0.1", "0.09", 1)]
    [InlineData("100", "99.99999999", 1)]
    [InlineData("-1", "0", -1)]
    [InlineData("5.00", "5", 0)]
    [InlineData("9223372036.854775806", "9223372036.854775807", -1)]
    public void CompareTo_OrdersNumerically(string left, string right, int expected)
    {
        Math.Sign(FixedDecimal.Parse(left).CompareTo(FixedDecimal.Parse(right))).Should().Be(expected);
    }

    [Fact]
    public void ToDecimal_And_FromDecimal_RoundTripExactly()
    {
        var value = FixedDecimal.Parse("45283.50000000");
        value.ToDecimal().Should().Be(45283.5m);
        FixedDecimal.FromDecimal(value.ToDecimal()).ToString().Should().Be("45283.50000000");
        new FixedDecimal(long.MinValue, 2).ToDecimal().Should().Be(-92233720368547758.08m);
    }

    [Theory]
    [InlineData("0.0300", "0.01", true)]
    [InlineData("0.035", "0.01", false)]
    [InlineData("5", "0", false)]
    public void IsMultipleOf_ChecksTickAlignment(string value, string tick, bool expected)
    {
        FixedDecimal.Parse(value).IsMultipleOf(FixedDecimal.Parse(tick)).Should().Be(expected);
    }
}
