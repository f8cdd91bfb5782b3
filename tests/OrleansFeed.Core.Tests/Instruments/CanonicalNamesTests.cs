using FluentAssertions;
using OrleansFeed.Core.Instruments;
using Xunit;

namespace OrleansFeed.Core.Tests.Instruments;

/// <summary>Verifies canonical instrument naming and asset alias folding across venues.</summary>
public sealed class CanonicalNamesTests
{
    [Theory]
    [InlineData("XBT", "USD", "BTC-USD")]
    [InlineData("xdg", "eur", "DOGE-EUR")]
    [InlineData("BTC", "USDT", "BTC-USDT")]
    public void Spot_VenueSpellings_FoldToOneName(string baseAsset, string quoteAsset, string expected)
    {
        CanonicalNames.Spot(baseAsset, quoteAsset).Should().Be(expected);
    }

    [Fact]
    public void PerpetualAndFuture_AppendSuffixes()
    {
        CanonicalNames.Perpetual("BTC", "USDT").Should().Be("BTC-USDT-PERP");
        CanonicalNames.Future("BTC", "USD", new DateTimeOffset(2021, 12, 31, 8, 0, 0, TimeSpan.Zero)).Should().Be("BTC-USD-20211231");
    }

    [Fact]
    public void Asset_Empty_Throws()
    {
        var act = () => CanonicalNames.Asset(" ");
        act.Should().Throw<ArgumentException>();
    }
}
