using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Instruments;
using OrleansFeed.Grains.Tests.Infrastructure;

namespace OrleansFeed.Grains.Tests.Aggregation;

/// <summary>Aggregation options validation (messages name section and key) and instrument key resolution under each currency policy.</summary>
public sealed class AggregationOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        new AggregationOptionsValidator().Validate(null, new AggregationOptions()).Succeeded.Should().BeTrue();

    [Fact]
    public void Validate_OutOfRange_FailsNamingEveryKey()
    {
        var options = new AggregationOptions
        {
            MaxQuoteAge = TimeSpan.Zero,
            TickInterval = TimeSpan.FromMilliseconds(1),
            MirrorDepth = 0,
            Venues = { ["binance"] = new AggregationVenueOptions { TakerFeeBps = -1m, MaxQuoteAge = TimeSpan.FromSeconds(-1) } },
        };

        var result = new AggregationOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().Contain(
        [
            "Aggregation:MaxQuoteAge must be positive.",
            "Aggregation:TickInterval must be within 10ms..1min.",
            "Aggregation:MirrorDepth must be within 1..5000.",
            "Aggregation:Venues:binance:MaxQuoteAge must be positive.",
            "Aggregation:Venues:binance:TakerFeeBps must be within 0..10000.",
        ]);
    }

    [Fact]
    public void QuoteConfigFor_VenueOverride_UsedElseDefaults()
    {
        var options = new AggregationOptions { Venues = { ["kraken"] = new AggregationVenueOptions { TakerFeeBps = 26m } } };

        options.QuoteConfigFor("kraken").Should().Be(new VenueQuoteConfig(TimeSpan.FromSeconds(5), 26m));
        options.QuoteConfigFor("binance").Should().Be(new VenueQuoteConfig(TimeSpan.FromSeconds(5), 0m));
    }

    [Theory]
    [InlineData("btc-usdt", QuoteCurrencyPolicy.Separate, "BTC-USDT")]
    [InlineData("BTC-USDC", QuoteCurrencyPolicy.Separate, "BTC-USDC")]
    [InlineData("btc-usdc", QuoteCurrencyPolicy.TreatUsdStablecoinsAsOne, "BTC-USD*")]
    [InlineData("BTC-USD*", QuoteCurrencyPolicy.TreatUsdStablecoinsAsOne, "BTC-USD*")]
    public void TryResolve_KnownInstrument_GroupKey(string text, QuoteCurrencyPolicy policy, string expected)
    {
        var catalog = Catalog();

        AggregationKeys.TryResolve(catalog, text, policy, out var key).Should().BeTrue();

        key.Should().Be(expected);
        AggregationKeys.Books(catalog, key, policy).Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("ETH-USDT")]
    [InlineData("")]
    [InlineData("BTC-USD*")]
    public void TryResolve_NotTraded_False(string text) =>
        AggregationKeys.TryResolve(Catalog(), text, QuoteCurrencyPolicy.Separate, out _).Should().BeFalse();

    private static InstrumentCatalog Catalog()
    {
        var catalog = new InstrumentCatalog();
        catalog.AddOrUpdate(AggregationHarness.Spot("binance", "BTCUSDT", "BTC-USDT"));
        catalog.AddOrUpdate(AggregationHarness.Spot("binance", "BTCUSDC", "BTC-USDC"));
        return catalog;
    }
}
