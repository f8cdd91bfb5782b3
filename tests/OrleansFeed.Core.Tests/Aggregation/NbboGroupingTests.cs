using OrleansFeed.Core.Aggregation.Nbbo;

namespace OrleansFeed.Core.Tests.Aggregation;

/// <summary>Verifies how canonical instruments map to NBBO groups under each quote-currency policy.</summary>
public class NbboGroupingTests
{
    [Theory]
    [InlineData("BTC-USDT")]
    [InlineData("BTC-USDC")]
    [InlineData("BTC-USD")]
    [InlineData("BTC-USDT-PERP")]
    public void GroupKey_Separate_KeepsTheCanonicalName(string canonical)
    {
        NbboGrouping.GroupKey(canonical, QuoteCurrencyPolicy.Separate).Should().Be(canonical);
    }

    [Theory]
    [InlineData("BTC-USDT", "BTC-USD*")]
    [InlineData("BTC-USDC", "BTC-USD*")]
    [InlineData("BTC-USD", "BTC-USD*")]
    [InlineData("BTC-FDUSD", "BTC-USD*")]
    [InlineData("BTC-USDT-PERP", "BTC-USD*-PERP")]
    [InlineData("BTC-EUR", "BTC-EUR")]
    [InlineData("ETH-BTC", "ETH-BTC")]
    [InlineData("USDT-EUR", "USDT-EUR")]
    [InlineData("NODASH", "NODASH")]
    public void GroupKey_TreatUsdStablecoinsAsOne_MergesOnlyUsdQuotes(string canonical, string expected)
    {
        NbboGrouping.GroupKey(canonical, QuoteCurrencyPolicy.TreatUsdStablecoinsAsOne).Should().Be(expected);
    }

    [Fact]
    public void GroupKey_SpotAndPerpetual_StayInDifferentGroups()
    {
        var spot = NbboGrouping.GroupKey("BTC-USDT", QuoteCurrencyPolicy.TreatUsdStablecoinsAsOne);
        var perp = NbboGrouping.GroupKey("BTC-USDC-PERP", QuoteCurrencyPolicy.TreatUsdStablecoinsAsOne);

        spot.Should().NotBe(perp);
    }
}
