using OrleansFeed.Exchanges.Bybit;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.KuCoin;
using OrleansFeed.Exchanges.Okx;
using OrleansFeed.Exchanges.Okx.Messages;

namespace OrleansFeed.Exchanges.Tests.Configuration;

/// <summary>Verifies per-venue options (OKX BookChannel, Bybit and KuCoin DepthLimit): validation messages and configured adapters whose subscriptions and book sync agree.</summary>
public class VenueConfigureTests
{
    [Fact]
    public void OkxConfigure_BooksL2Tbt_SubscribesAndKeepsThatChannel()
    {
        var options = new VenueOptions { Symbols = ["BTC-USDT"], BookChannel = "books50-l2-tbt" };

        var okx = (OkxProtocol)new OkxProtocol().Configure(options);

        okx.BookChannel.Should().Be(OkxChannel.Books50L2Tbt);
        okx.PlanConnections(options).Single().SubscribeMessages.Single().Should().Contain("\"books50-l2-tbt\"");
        okx.ResubscribeMessages(options, "BTC-USDT").Should().OnlyContain(m => m.Contains("\"books50-l2-tbt\""));
        ((OkxBookSync)okx.CreateBookSync("BTC-USDT")).Depth.Should().Be(50);
    }

    [Fact]
    public void OkxValidate_UnknownChannel_NamesSectionKeyAndChoices()
    {
        var problems = new OkxProtocol().ValidateOptions(new VenueOptions { BookChannel = "books5" }, "Feed:Venues:okx").ToList();

        problems.Should().ContainSingle().Which.Should().Be("Feed:Venues:okx:BookChannel must be books, books-l2-tbt or books50-l2-tbt (was 'books5').");
        new OkxProtocol().ValidateOptions(new VenueOptions { BookChannel = "books-l2-tbt" }, "Feed:Venues:okx").Should().BeEmpty();
    }

    [Theory]
    [InlineData(null, 50)]
    [InlineData(1, 1)]
    [InlineData(200, 200)]
    [InlineData(1000, 1000)]
    public void BybitConfigure_DepthLimit_SetsTopicAndKeptDepth(int? depthLimit, int expected)
    {
        var options = new VenueOptions { Symbols = ["BTCUSDT"], DepthLimit = depthLimit };

        var bybit = (BybitProtocol)new BybitProtocol().Configure(options);

        bybit.BookDepth.Should().Be(expected);
        bybit.PlanConnections(options).Single().SubscribeMessages[0].Should().Contain($"orderbook.{expected}.BTCUSDT");
        ((BybitBookSync)bybit.CreateBookSync("BTCUSDT")).Depth.Should().Be(expected);
    }

    [Fact]
    public void BybitValidate_DepthNotOffered_NamesSectionKeyAndChoices()
    {
        var problems = new BybitProtocol().ValidateOptions(new VenueOptions { DepthLimit = 1000 + 1, BookChannel = "x" }, "Feed:Venues:bybit").ToList();

        problems.Should().HaveCount(2);
        problems[0].Should().StartWith("Feed:Venues:bybit:DepthLimit must be one of 1, 50, 200, 1000").And.EndWith("was 1001).");
        problems[1].Should().StartWith("Feed:Venues:bybit:BookChannel is not used");
    }

    [Theory]
    [InlineData(null, KuCoinSnapshotDepth.Top100, "/api/v1/market/orderbook/level2_100")]
    [InlineData(20, KuCoinSnapshotDepth.Top20, "/api/v1/market/orderbook/level2_20")]
    [InlineData(0, KuCoinSnapshotDepth.Full, "/market/orderbook/level2?")]
    public void KuCoinConfigure_DepthLimit_PicksSnapshot(int? depthLimit, KuCoinSnapshotDepth expected, string path)
    {
        var options = new VenueOptions { Symbols = ["BTC-USDT"], DepthLimit = depthLimit };

        var kucoin = (KuCoinProtocol)new KuCoinProtocol().Configure(options);

        kucoin.SnapshotDepth.Should().Be(expected);
        kucoin.SnapshotUri(options, "BTC-USDT").ToString().Should().Contain(path);
    }

    [Fact]
    public void KuCoinValidate_DepthNotOffered_NamesSectionKey()
    {
        new KuCoinProtocol().ValidateOptions(new VenueOptions { DepthLimit = 1000 }, "Feed:Venues:kucoin").Should().ContainSingle()
            .Which.Should().StartWith("Feed:Venues:kucoin:DepthLimit must be one of 20, 100, 0").And.EndWith("was 1000).");
    }

    [Fact]
    public void DefaultValidate_DepthOutOfRangeOrChannelSet_Reported()
    {
        IVenueProtocol binance = AllVenues.Registry().TryGet("binance", out var p) ? p : throw new InvalidOperationException();

        binance.ValidateOptions(new VenueOptions { DepthLimit = 9000, BookChannel = "books" }, "Feed:Venues:binance").Should().Equal(
            "Feed:Venues:binance:DepthLimit must be 5..5000 (was 9000).",
            "Feed:Venues:binance:BookChannel is not used by this venue (was 'books'); remove it.");
    }

    [Fact]
    public void RegistryConfigure_OptionsPerVenue_ReplacesOnlyConfiguredAdapters()
    {
        var registry = AllVenues.Registry();
        var options = new Dictionary<string, VenueOptions>
        {
            ["okx"] = new() { BookChannel = "books-l2-tbt" },
            ["bybit"] = new() { DepthLimit = 1 },
            ["kucoin"] = new() { DepthLimit = 0 },
        };

        var configured = registry.Configure(options);

        configured.TryGet("okx", out var okx).Should().BeTrue();
        ((OkxProtocol)okx).BookChannel.Should().Be(OkxChannel.BooksL2Tbt);
        configured.TryGet("bybit", out var bybit).Should().BeTrue();
        ((BybitProtocol)bybit).BookDepth.Should().Be(1);
        configured.TryGet("bybit-spot", out var spot).Should().BeTrue();
        ((BybitProtocol)spot).BookDepth.Should().Be(50);
        configured.TryGet("kucoin", out var kucoin).Should().BeTrue();
        ((KuCoinProtocol)kucoin).SnapshotDepth.Should().Be(KuCoinSnapshotDepth.Full);
        configured.All.Should().HaveCount(registry.All.Count);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    public void Validate_ReplacementFirstFrameTimeoutNotPositive_NamesSectionAndKey(string timeout)
    {
        var options = new VenueOptions { Symbols = ["XBT/USD"], ReplacementFirstFrameTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) };

        options.Validate("kraken").Should().ContainSingle().Which.Should().Be("Feed:Venues:kraken:ReplacementFirstFrameTimeout must be positive.");
        new VenueOptions().ReplacementFirstFrameTimeout.Should().Be(TimeSpan.FromSeconds(30));
    }
}
