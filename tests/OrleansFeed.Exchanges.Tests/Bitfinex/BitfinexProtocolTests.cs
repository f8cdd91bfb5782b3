using System.Text;
using System.Text.Json;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Bitfinex;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Tests.Parsing;

namespace OrleansFeed.Exchanges.Tests.Bitfinex;

/// <summary>Verifies Bitfinex venue wiring: URL matching, conf flags and 25-channel sharding, per-book resubscribe by chanId, symbol naming, pair reference parsing.</summary>
public class BitfinexProtocolTests
{
    private readonly BitfinexProtocol _protocol = new();

    [Theory]
    [InlineData("wss://api.bitfinex.com/ws/2", true)]
    [InlineData("wss://api-pub.bitfinex.com/ws/2", true)]
    [InlineData("https://api-pub.bitfinex.com/v2/conf/pub:info:pair", true)]
    [InlineData("wss://ws-feed.pro.coinbase.com", false)]
    public void MatchesUrl_BitfinexHosts(string url, bool expected) => _protocol.MatchesUrl(url).Should().Be(expected);

    [Fact]
    public void PlanConnections_ConfFirstThenEightSymbolsPerConnection()
    {
        var symbols = Enumerable.Range(0, 10).Select(i => $"tA{i:D2}USD").ToList();

        var plans = _protocol.PlanConnections(new VenueOptions { Symbols = symbols });

        plans.Should().HaveCount(2, "25 channels per connection hold 8 symbols of 3 channels");
        plans[0].BookSymbols.Should().HaveCount(8);
        plans[1].BookSymbols.Should().Equal("tA08USD", "tA09USD");
        plans[0].Uri.Should().Be(new Uri("wss://api-pub.bitfinex.com/ws/2"));
        plans[0].SubscribeMessages[0].Should().Be("""{"event":"conf","flags":196608}""");
        plans[0].SubscribeMessages.Should().HaveCount(1 + (8 * 3));
        var book = JsonDocument.Parse(plans[0].SubscribeMessages[1]).RootElement;
        book.GetProperty("channel").GetString().Should().Be("book");
        book.GetProperty("symbol").GetString().Should().Be("tA00USD");
        book.GetProperty("prec").GetString().Should().Be("P0");
        book.GetProperty("len").GetString().Should().Be("250", "the default depth 1000 rounds to Bitfinex's largest len");
        plans[0].SubscribeMessages.Skip(1).Select(m => JsonDocument.Parse(m).RootElement.GetProperty("channel").GetString()).Distinct()
            .Should().Equal("book", "trades", "ticker");
    }

    [Fact]
    public void PlanConnections_SubscribesBackToBack_StaggersConnectionsThreeSecondsApart()
    {
        var symbols = Enumerable.Range(0, 20).Select(i => $"tA{i:D2}USD").ToList();

        var plans = _protocol.PlanConnections(new VenueOptions { Symbols = symbols });

        // Documented limits are per connection (25 channels) and per minute (20 connections), none per message.
        plans.Should().OnlyContain(p => p.SubscribeMessageInterval == TimeSpan.Zero);
        plans.Select(p => p.ConnectDelay).Should().Equal(TimeSpan.Zero, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6));
    }

    [Theory]
    [InlineData("BTCUSD", "tBTCUSD")]
    [InlineData("tBTCUSD", "tBTCUSD")]
    [InlineData("eth2x:eth", "tETH2X:ETH")]
    public void Normalize_AddsTradingPrefix(string configured, string expected) => BitfinexConnectivity.Normalize(configured).Should().Be(expected);

    [Theory]
    [InlineData(10, 25)]
    [InlineData(100, 100)]
    [InlineData(1, 1)]
    [InlineData(5000, 250)]
    public void Length_RoundsUpToAllowedLen(int depth, int expected) =>
        BitfinexConnectivity.Length(new VenueOptions { DepthLimit = depth }).Should().Be(expected);

    [Fact]
    public void ResubscribeMessages_AfterSubscribedEvent_UnsubscribesTheChannelIdThenSubscribes()
    {
        var options = new VenueOptions { DepthLimit = 100 };
        _protocol.ResubscribeMessages(options, "tETHJPY").Should().Equal(
            """{"event":"subscribe","channel":"book","symbol":"tETHJPY","prec":"P0","freq":"F0","len":"100"}""");

        var parser = _protocol.CreateParser(_protocol.CreateSymbolTable(["tETHJPY"], acceptUnknown: false), ParseLimits.Default);
        parser.Parse("""{"event":"subscribed","channel":"book","chanId":146467,"symbol":"tETHJPY","prec":"P0","freq":"F0","len":"100","pair":"ETHJPY"}"""u8, Timestamp.None, new RecordingMarketEventSink());

        _protocol.ResubscribeMessages(options, "tETHJPY").Should().Equal(
            """{"event":"unsubscribe","chanId":146467}""",
            """{"event":"subscribe","channel":"book","symbol":"tETHJPY","prec":"P0","freq":"F0","len":"100"}""");
    }

    [Theory]
    [InlineData("tBTCUSD", "BTC-USD", InstrumentKind.Spot)]
    [InlineData("tCHZUST", "CHZ-USDT", InstrumentKind.Spot)]
    [InlineData("tETH2X:ETH", "ETH2X-ETH", InstrumentKind.Spot)]
    [InlineData("tDSHBTC", "DASH-BTC", InstrumentKind.Spot)]
    [InlineData("tBTCF0:USTF0", "BTC-USDT-PERP", InstrumentKind.Perpetual)]
    public void InferInstrument_CanonicalNames(string symbol, string canonical, InstrumentKind kind)
    {
        var instrument = _protocol.InferInstrument(symbol);

        instrument.Canonical.Should().Be(canonical);
        instrument.Kind.Should().Be(kind);
        instrument.Venue.Should().Be(Venues.Bitfinex);
        instrument.Symbol.Should().Be(symbol);
    }

    [Fact]
    public void TryParseInstruments_PubInfoPair_TradingWithLotSize()
    {
        // The documented conf/pub:info:pair shape: [[[PAIR,[…,MIN_ORDER_SIZE,MAX_ORDER_SIZE,…]],…]].
        const string body = """[[["BTCUSD",[null,null,null,"0.00006","2000.0",null,null,null,0.2,0.1]],["ETH2X:ETH",[null,null,null,"0.2","1000.0",null,null,null,null,null]]]]""";

        _protocol.TryParseInstruments(Encoding.UTF8.GetBytes(body), out var instruments).Should().BeTrue();

        instruments.Select(i => i.Symbol).Should().Equal("tBTCUSD", "tETH2X:ETH");
        instruments[0].Canonical.Should().Be("BTC-USD");
        instruments[0].Status.Should().Be(InstrumentStatus.Trading);
        instruments[0].LotSize.ToString().Should().Be("0.00000001");
        instruments[0].TickSize.IsZero.Should().BeTrue("Bitfinex prices use significant digits, not a tick");
    }

    [Fact]
    public void TryParseInstruments_ListPairExchange_NamesOnly()
    {
        _protocol.TryParseInstruments("""[["BTCUSD","CHZUST"]]"""u8, out var instruments).Should().BeTrue();

        instruments.Select(i => i.Canonical).Should().Equal("BTC-USD", "CHZ-USDT");
    }

    [Theory]
    [InlineData("""{"error":"ERR_RATE_LIMIT"}""")]
    [InlineData("""[]""")]
    [InlineData("""nope""")]
    public void TryParseInstruments_ErrorBody_False(string body) =>
        _protocol.TryParseInstruments(Encoding.UTF8.GetBytes(body), out _).Should().BeFalse();
}
