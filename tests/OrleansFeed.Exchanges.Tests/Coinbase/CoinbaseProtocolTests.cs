using System.Text;
using System.Text.Json;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges.Coinbase;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Tests.Coinbase;

/// <summary>Verifies Coinbase venue wiring: URL matching, connection plans and sharding, resubscribe frames, instrument naming and the /products reference parsers.</summary>
public class CoinbaseProtocolTests
{
    private readonly CoinbaseProtocol _exchange = new(CoinbaseFeed.Exchange);
    private readonly CoinbaseProtocol _advanced = new(CoinbaseFeed.AdvancedTrade);

    [Theory]
    [InlineData("wss://ws-feed.pro.coinbase.com", true, false)]
    [InlineData("wss://ws-feed.exchange.coinbase.com", true, false)]
    [InlineData("https://api.exchange.coinbase.com/products", true, false)]
    [InlineData("wss://advanced-trade-ws.coinbase.com", false, true)]
    [InlineData("https://api.coinbase.com/api/v3/brokerage/market/products", false, true)]
    [InlineData("wss://ws.kraken.com", false, false)]
    [InlineData("not a url", false, false)]
    public void MatchesUrl_EachFeedOwnsItsHosts(string url, bool exchange, bool advanced)
    {
        _exchange.MatchesUrl(url).Should().Be(exchange);
        _advanced.MatchesUrl(url).Should().Be(advanced);
    }

    [Fact]
    public void Venue_IdsAreTheRegisteredConstants()
    {
        CoinbaseProtocol.All().Select(p => p.Venue).Should().Equal(Venues.Coinbase, Venues.CoinbaseAdvanced);
        _exchange.SnapshotSource.Should().Be(BookSnapshotSource.Stream);
    }

    [Fact]
    public void PlanConnections_Exchange_OneSubscribePerChannelPacedAndSharded()
    {
        var options = new VenueOptions { Symbols = ["btc-usd", "ETH-USD", "SKL-GBP"], MaxStreamsPerConnection = 6 };

        var plans = _exchange.PlanConnections(options);

        plans.Should().HaveCount(2, "three channels per product, six streams per connection");
        plans[0].Uri.Should().Be(new Uri("wss://ws-feed.exchange.coinbase.com"));
        plans[0].BookSymbols.Should().Equal("BTC-USD", "ETH-USD");
        plans[1].BookSymbols.Should().Equal("SKL-GBP");
        plans.Should().OnlyContain(p => p.SubscribeMessageInterval == TimeSpan.FromMilliseconds(250), "8 messages/s per IP shared by two connections");
        plans[0].KeepAlive.Should().BeNull("the heartbeat channel keeps the connection alive");
        plans[0].SubscribeMessages.Select(m => JsonDocument.Parse(m).RootElement.GetProperty("channels")[0].GetString())
            .Should().Equal("level2_batch", "matches", "ticker", "heartbeat");
        JsonDocument.Parse(plans[0].SubscribeMessages[0]).RootElement.GetProperty("product_ids").EnumerateArray().Select(e => e.GetString())
            .Should().Equal("BTC-USD", "ETH-USD");
    }

    [Fact]
    public void PlanConnections_Advanced_HeartbeatsFirstThenOneChannelPerMessage()
    {
        var plans = _advanced.PlanConnections(new VenueOptions { Symbols = ["BTC-USD"] });

        plans.Should().ContainSingle();
        plans[0].Uri.Should().Be(new Uri("wss://advanced-trade-ws.coinbase.com"));
        plans[0].SubscribeMessages.Select(m => JsonDocument.Parse(m).RootElement.GetProperty("channel").GetString())
            .Should().Equal("heartbeats", "level2", "market_trades", "ticker");
    }

    [Fact]
    public void ResubscribeMessages_UnsubscribeThenSubscribeTheOneBook()
    {
        _exchange.ResubscribeMessages(new VenueOptions(), "SKL-GBP").Should().Equal(
            """{"type":"unsubscribe","product_ids":["SKL-GBP"],"channels":["level2_batch"]}""",
            """{"type":"subscribe","product_ids":["SKL-GBP"],"channels":["level2_batch"]}""");
        _advanced.ResubscribeMessages(new VenueOptions(), "BTC-USD").Should().Equal(
            """{"type":"unsubscribe","product_ids":["BTC-USD"],"channel":"level2"}""",
            """{"type":"subscribe","product_ids":["BTC-USD"],"channel":"level2"}""");
    }

    [Fact]
    public void InstrumentsUri_PerFeed()
    {
        _exchange.InstrumentsUri(new VenueOptions())!.ToString().Should().Be("https://api.exchange.coinbase.com/products");
        _advanced.InstrumentsUri(new VenueOptions { RestUrl = "http://127.0.0.1:5000/" })!.ToString().Should().Be("http://127.0.0.1:5000/api/v3/brokerage/market/products");
    }

    [Theory]
    [InlineData("BTC-USD", "BTC-USD", "BTC", "USD")]
    [InlineData("SKL-GBP", "SKL-GBP", "SKL", "GBP")]
    [InlineData("usdt-usdc", "USDT-USDC", "USDT", "USDC")]
    public void InferInstrument_ProductId_IsCanonicalSpot(string symbol, string canonical, string baseAsset, string quoteAsset)
    {
        var instrument = _exchange.InferInstrument(symbol);

        instrument.Canonical.Should().Be(canonical);
        instrument.BaseAsset.Should().Be(baseAsset);
        instrument.QuoteAsset.Should().Be(quoteAsset);
        instrument.Kind.Should().Be(InstrumentKind.Spot);
        instrument.Venue.Should().Be(Venues.Coinbase);
    }

    [Fact]
    public void TryParseInstruments_ExchangeProductsArray_TickLotAndStatus()
    {
        // The documented GET /products element shape.
        const string body = """
            [{"id":"BTC-USD","base_currency":"BTC","quote_currency":"USD","quote_increment":"0.01","base_increment":"0.00000001","display_name":"BTC/USD","min_market_funds":"1","margin_enabled":false,"post_only":false,"limit_only":false,"cancel_only":false,"status":"online","status_message":"","trading_disabled":false,"fx_stablecoin":false,"max_slippage_percentage":"0.02000000","auction_mode":false},
             {"id":"XYZ-EUR","base_currency":"XYZ","quote_currency":"EUR","quote_increment":"0.0001","base_increment":"0.1","status":"delisted","trading_disabled":false,"cancel_only":false},
             {"id":"ABC-USD","base_currency":"ABC","quote_currency":"USD","quote_increment":"0.001","base_increment":"1","status":"online","trading_disabled":true,"cancel_only":false},
             {"id":"DEF-USD","base_currency":"DEF","quote_currency":"USD","quote_increment":"0.001","base_increment":"1","status":"online","trading_disabled":false,"cancel_only":true}]
            """;

        _exchange.TryParseInstruments(Encoding.UTF8.GetBytes(body), out var instruments).Should().BeTrue();

        instruments.Should().HaveCount(4);
        var btc = instruments[0];
        btc.Symbol.Should().Be("BTC-USD");
        btc.Canonical.Should().Be("BTC-USD");
        btc.TickSize.ToString().Should().Be("0.01");
        btc.LotSize.ToString().Should().Be("0.00000001");
        btc.Status.Should().Be(InstrumentStatus.Trading);
        instruments.Select(i => i.Status).Should().Equal(InstrumentStatus.Trading, InstrumentStatus.Closed, InstrumentStatus.Halted, InstrumentStatus.CancelOnly);
    }

    [Fact]
    public void TryParseInstruments_AdvancedProducts_PriceIncrementIsTickAndNonSpotSkipped()
    {
        const string body = """
            {"products":[
              {"product_id":"BTC-USD","price":"140.21","base_increment":"0.00000001","quote_increment":"0.01","price_increment":"0.01","status":"online","trading_disabled":false,"cancel_only":false,"base_currency_id":"BTC","quote_currency_id":"USD","product_type":"SPOT"},
              {"product_id":"BIT-28JUL23-CDE","base_increment":"1","quote_increment":"0.5","price_increment":"0.5","status":"online","product_type":"FUTURE"}],
             "num_products":2}
            """;

        _advanced.TryParseInstruments(Encoding.UTF8.GetBytes(body), out var instruments).Should().BeTrue();

        var btc = instruments.Should().ContainSingle().Subject;
        btc.Venue.Should().Be(Venues.CoinbaseAdvanced);
        btc.TickSize.ToString().Should().Be("0.01");
        btc.LotSize.ToString().Should().Be("0.00000001");
        btc.Status.Should().Be(InstrumentStatus.Trading);
    }

    [Theory]
    [InlineData("""{"message":"not found"}""")]
    [InlineData("""not json""")]
    public void TryParseInstruments_ErrorBody_False(string body)
    {
        _exchange.TryParseInstruments(Encoding.UTF8.GetBytes(body), out var instruments).Should().BeFalse();
        instruments.Should().BeEmpty();
    }
}
