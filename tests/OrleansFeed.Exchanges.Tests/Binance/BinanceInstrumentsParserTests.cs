using System.Text;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Tests.Binance;

/// <summary>Verifies exchangeInfo reading (tick/lot size filters, status, perpetual vs dated naming) and the exchangeInfo URL per Binance market.</summary>
public class BinanceInstrumentsParserTests
{
    // Shape of GET /api/v3/exchangeInfo in the Binance spot docs (trimmed: orderTypes, permissions and other filters kept short).
    private const string SpotExchangeInfo = """
        {"timezone":"UTC","serverTime":1565246363776,"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000}],
         "exchangeFilters":[],
         "symbols":[
          {"symbol":"ETHBTC","status":"TRADING","baseAsset":"ETH","baseAssetPrecision":8,"quoteAsset":"BTC","quotePrecision":8,"quoteAssetPrecision":8,
           "orderTypes":["LIMIT","LIMIT_MAKER","MARKET"],"icebergAllowed":true,"ocoAllowed":true,"isSpotTradingAllowed":true,"isMarginTradingAllowed":true,
           "filters":[{"filterType":"PRICE_FILTER","minPrice":"0.00000100","maxPrice":"100000.00000000","tickSize":"0.00000100"},
                      {"filterType":"LOT_SIZE","minQty":"0.00100000","maxQty":"100000.00000000","stepSize":"0.00100000"},
                      {"filterType":"NOTIONAL","minNotional":"0.00010000"}],
           "permissions":[],"permissionSets":[["SPOT","MARGIN"]],"defaultSelfTradePreventionMode":"NONE"},
          {"symbol":"LUNABUSD","status":"BREAK","baseAsset":"LUNA","quoteAsset":"BUSD",
           "filters":[{"filterType":"PRICE_FILTER","tickSize":"0.01000000"},{"filterType":"LOT_SIZE","stepSize":"0.01000000"}]},
          {"symbol":"XBTUSDT","status":"HALT","baseAsset":"XBT","quoteAsset":"USDT","filters":[]},
          {"symbol":"NOASSETS","status":"TRADING"}
         ]}
        """;

    // Shape of GET /fapi/v1/exchangeInfo in the USD-M docs (trimmed).
    private const string UsdFuturesExchangeInfo = """
        {"exchangeFilters":[],"rateLimits":[],"serverTime":1565613908500,"assets":[{"asset":"USDT","marginAvailable":true}],
         "symbols":[
          {"symbol":"BTCUSDT","pair":"BTCUSDT","contractType":"PERPETUAL","deliveryDate":4133404800000,"onboardDate":1569398400000,"status":"TRADING",
           "baseAsset":"BTC","quoteAsset":"USDT","marginAsset":"USDT","pricePrecision":2,"quantityPrecision":3,
           "filters":[{"filterType":"PRICE_FILTER","maxPrice":"4529764","minPrice":"556.80","tickSize":"0.10"},
                      {"filterType":"LOT_SIZE","maxQty":"1000","minQty":"0.001","stepSize":"0.001"},
                      {"filterType":"MARKET_LOT_SIZE","maxQty":"120","minQty":"0.001","stepSize":"0.001"}],
           "orderTypes":["LIMIT","MARKET"],"timeInForce":["GTC"]},
          {"symbol":"BTCUSDT_211231","pair":"BTCUSDT","contractType":"CURRENT_QUARTER","deliveryDate":1640937600000,"status":"TRADING",
           "baseAsset":"BTC","quoteAsset":"USDT","filters":[{"filterType":"PRICE_FILTER","tickSize":"0.1"},{"filterType":"LOT_SIZE","stepSize":"0.001"}]},
          {"symbol":"ETHUSDT_210625","pair":"ETHUSDT","contractType":"","deliveryDate":1624608000000,"status":"SETTLING","baseAsset":"ETH","quoteAsset":"USDT","filters":[]},
          {"symbol":"ICPUSDT","pair":"ICPUSDT","contractType":"PERPETUAL","deliveryDate":4133404800000,"status":"CLOSE","baseAsset":"ICP","quoteAsset":"USDT","filters":[]}
         ]}
        """;

    // Shape of GET /dapi/v1/exchangeInfo in the COIN-M docs (trimmed): status is "contractStatus", lot size in contracts.
    private const string CoinFuturesExchangeInfo = """
        {"symbols":[
          {"symbol":"BTCUSD_PERP","pair":"BTCUSD","contractType":"PERPETUAL","deliveryDate":4133404800000,"contractStatus":"TRADING","contractSize":100,
           "baseAsset":"BTC","quoteAsset":"USD","marginAsset":"BTC","filters":[{"filterType":"PRICE_FILTER","tickSize":"0.1"},{"filterType":"LOT_SIZE","stepSize":"1"}]},
          {"symbol":"ETHUSD_210924","pair":"ETHUSD","contractType":"NEXT_QUARTER","deliveryDate":1632470400000,"contractStatus":"PENDING_TRADING",
           "baseAsset":"ETH","quoteAsset":"USD","filters":[{"filterType":"PRICE_FILTER","tickSize":"0.01"},{"filterType":"LOT_SIZE","stepSize":"1"}]}
        ]}
        """;

    [Fact]
    public void TryParseInstruments_SpotExchangeInfo_ReadsFiltersStatusAndCanonical()
    {
        var protocol = new BinanceProtocol(BinanceMarket.Spot);

        protocol.TryParseInstruments(Encoding.UTF8.GetBytes(SpotExchangeInfo), out var instruments).Should().BeTrue();

        instruments.Should().HaveCount(3, "an entry without assets is skipped");
        instruments[0].Should().Be(new Instrument(
            "binance", "ETHBTC", "ETH-BTC", InstrumentKind.Spot, "ETH", "BTC", FixedDecimal.Parse("0.000001"), FixedDecimal.Parse("0.001"), InstrumentStatus.Trading));
        instruments[1].Status.Should().Be(InstrumentStatus.Halted, "BREAK is a trading break");
        instruments[1].TickSize.Should().Be(FixedDecimal.Parse("0.01"));
        instruments[2].Canonical.Should().Be("BTC-USDT", "XBT is folded to BTC");
        instruments[2].Status.Should().Be(InstrumentStatus.Halted);
        instruments[2].TickSize.Should().Be(FixedDecimal.Zero, "no PRICE_FILTER means unknown");
    }

    [Fact]
    public void TryParseInstruments_UsdFuturesExchangeInfo_NamesPerpetualAndDatedContracts()
    {
        var protocol = new BinanceProtocol(BinanceMarket.UsdFutures);

        protocol.TryParseInstruments(Encoding.UTF8.GetBytes(UsdFuturesExchangeInfo), out var instruments).Should().BeTrue();

        instruments.Select(i => i.Symbol).Should().Equal(["BTCUSDT", "BTCUSDT_211231", "ICPUSDT"], "a settled contract with an empty contractType is skipped");
        instruments[0].Should().Be(new Instrument(
            "binance-futures", "BTCUSDT", "BTC-USDT-PERP", InstrumentKind.Perpetual, "BTC", "USDT", FixedDecimal.Parse("0.1"), FixedDecimal.Parse("0.001"), InstrumentStatus.Trading));
        instruments[0].Expiry.Should().BeNull();
        instruments[1].Kind.Should().Be(InstrumentKind.Future);
        instruments[1].Canonical.Should().Be("BTC-USDT-20211231");
        instruments[1].Expiry.Should().Be(new DateTimeOffset(2021, 12, 31, 8, 0, 0, TimeSpan.Zero));
        instruments[2].Status.Should().Be(InstrumentStatus.Closed);
    }

    [Fact]
    public void TryParseInstruments_CoinFuturesExchangeInfo_UsesContractStatus()
    {
        var protocol = new BinanceProtocol(BinanceMarket.CoinFutures);

        protocol.TryParseInstruments(Encoding.UTF8.GetBytes(CoinFuturesExchangeInfo), out var instruments).Should().BeTrue();

        instruments[0].Should().Be(new Instrument(
            "binance-coinm", "BTCUSD_PERP", "BTC-USD-PERP", InstrumentKind.Perpetual, "BTC", "USD", FixedDecimal.Parse("0.1"), FixedDecimal.Parse("1"), InstrumentStatus.Trading));
        instruments[1].Canonical.Should().Be("ETH-USD-20210924");
        instruments[1].Status.Should().Be(InstrumentStatus.Halted, "PENDING_TRADING is not trading yet");
        instruments.Select(i => i.Canonical).Should().Equal(instruments.Select(i => protocol.InferInstrument(i.Symbol).Canonical), "reference data and offline inference agree");
    }

    [Theory]
    [InlineData("""{"code":-1121,"msg":"Invalid symbol."}""")]
    [InlineData("""{"symbols":{}}""")]
    [InlineData("""{"symbols":[""")]
    public void TryParseInstruments_ErrorOrMalformed_ReturnsFalse(string body)
    {
        new BinanceProtocol(BinanceMarket.Spot).TryParseInstruments(Encoding.UTF8.GetBytes(body), out var instruments).Should().BeFalse();
        instruments.Should().BeEmpty();
    }

    [Theory]
    [InlineData(BinanceMarket.Spot, "https://api.binance.com/api/v3/exchangeInfo")]
    [InlineData(BinanceMarket.Us, "https://api.binance.us/api/v3/exchangeInfo")]
    [InlineData(BinanceMarket.UsdFutures, "https://fapi.binance.com/fapi/v1/exchangeInfo")]
    [InlineData(BinanceMarket.CoinFutures, "https://dapi.binance.com/dapi/v1/exchangeInfo")]
    public void InstrumentsUri_PerMarket_IsExchangeInfo(BinanceMarket market, string url)
    {
        IVenueConnectivity connectivity = new BinanceProtocol(market);

        connectivity.InstrumentsUri(new VenueOptions()).Should().Be(new Uri(url));
        connectivity.InstrumentsUri(new VenueOptions { RestUrl = "http://127.0.0.1:9000/" })!.AbsolutePath.Should().Be(new Uri(url).AbsolutePath);
    }
}
