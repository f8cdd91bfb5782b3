using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Kraken;

namespace OrleansFeed.Exchanges.Tests.Kraken;

/// <summary>Verifies Kraken connection plans, subscribe/resubscribe frames for v1 and v2, depth mapping and URL matching.</summary>
public class KrakenConnectivityTests
{
    private readonly KrakenProtocol _protocol = new();

    [Theory]
    [InlineData(5, 10)]
    [InlineData(10, 10)]
    [InlineData(11, 25)]
    [InlineData(50, 100)]
    [InlineData(500, 500)]
    [InlineData(1000, 1000)]
    [InlineData(5000, 1000)]
    public void BookDepth_ConfiguredLimit_MapsToKrakenAllowedDepth(int requested, int expected) =>
        KrakenSubscriptions.BookDepth(requested).Should().Be(expected);

    [Fact]
    public void PlanConnections_Default_V2UrlWithBookTradeAndTickerSubscriptions()
    {
        var plans = _protocol.PlanConnections(new VenueOptions { Symbols = ["XBT/USD", "ETH/USD"], DepthLimit = 100 });

        var plan = plans.Should().ContainSingle().Subject;
        plan.Uri.Should().Be(new Uri("wss://ws.kraken.com/v2"));
        plan.BookSymbols.Should().Equal("XBT/USD", "ETH/USD");
        plan.SubscribeMessages.Should().Equal(
            """{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD","ETH/USD"],"depth":100,"snapshot":true}}""",
            """{"method":"subscribe","params":{"channel":"trade","symbol":["BTC/USD","ETH/USD"],"snapshot":false}}""",
            """{"method":"subscribe","params":{"channel":"ticker","symbol":["BTC/USD","ETH/USD"]}}""");
        plan.SubscribeMessageInterval.Should().BeGreaterThan(TimeSpan.Zero);
        plan.KeepAlive.Should().BeNull("Kraken heartbeats flow whenever the connection is idle");
    }

    [Fact]
    public void PlanConnections_V1UrlVerbatim_V1FramesWithXbtSpelling()
    {
        var options = new VenueOptions { Symbols = ["BTC/USD"], WebSocketUrl = "ws://127.0.0.1:9000/kraken", DepthLimit = 1000 };

        var plan = _protocol.PlanConnections(options).Single();

        plan.Uri.Should().Be(new Uri("ws://127.0.0.1:9000/kraken"));
        plan.SubscribeMessages.Should().Equal(
            """{"event":"subscribe","pair":["XBT/USD"],"subscription":{"name":"book","depth":1000}}""",
            """{"event":"subscribe","pair":["XBT/USD"],"subscription":{"name":"trade"}}""",
            """{"event":"subscribe","pair":["XBT/USD"],"subscription":{"name":"ticker"}}""");
    }

    [Fact]
    public void PlanConnections_MoreChannelsThanCap_ShardsPairs()
    {
        var options = new VenueOptions { Symbols = ["A/USD", "B/USD", "C/USD"], MaxStreamsPerConnection = 4 };

        var plans = _protocol.PlanConnections(options);

        plans.Select(p => p.BookSymbols.Count).Should().Equal(2, 1);
        plans.Select(p => p.Name).Should().Equal("kraken-0", "kraken-1");
    }

    [Fact]
    public void ResubscribeMessages_OnePair_UnsubscribeThenSubscribeBookAtConfiguredDepth()
    {
        _protocol.SnapshotSource.Should().Be(BookSnapshotSource.Stream);

        _protocol.ResubscribeMessages(new VenueOptions { DepthLimit = 25 }, "XBT/USD").Should().Equal(
            """{"method":"unsubscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":25}}""",
            """{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":25,"snapshot":true}}""");
        _protocol.ResubscribeMessages(new VenueOptions { DepthLimit = 10, WebSocketUrl = "wss://ws.kraken.com" }, "XBT/USD").Should().Equal(
            """{"event":"unsubscribe","pair":["XBT/USD"],"subscription":{"name":"book","depth":10}}""",
            """{"event":"subscribe","pair":["XBT/USD"],"subscription":{"name":"book","depth":10}}""");
    }

    [Theory]
    [InlineData("wss://ws.kraken.com", true)]
    [InlineData("wss://ws.kraken.com/v2", true)]
    [InlineData("wss://beta-ws.kraken.com/v2", true)]
    [InlineData("https://api.kraken.com/0/public/AssetPairs", true)]
    [InlineData("wss://futures.kraken.com/ws/v1", false)]
    [InlineData("wss://stream.binance.com:9443/stream", false)]
    [InlineData("wss://notkraken.com", false)]
    public void MatchesUrl_SpotHostsOnly(string url, bool expected) => _protocol.MatchesUrl(url).Should().Be(expected);

    [Fact]
    public void Uris_DefaultRest_AssetPairsAndDepth()
    {
        var options = new VenueOptions { DepthLimit = 100 };

        _protocol.InstrumentsUri(options).Should().Be(new Uri("https://api.kraken.com/0/public/AssetPairs"));
        _protocol.SnapshotUri(options, "XBT/USD").Should().Be(new Uri("https://api.kraken.com/0/public/Depth?pair=XBTUSD&count=100"));
        KrakenConnectivity.VersionOf("wss://ws.kraken.com/v2/").Should().Be(KrakenApiVersion.V2);
        KrakenConnectivity.VersionOf("wss://ws.kraken.com").Should().Be(KrakenApiVersion.V1);
    }
}
