using System.Text;
using System.Text.Json;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges.Bybit;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Tests.Bybit;

/// <summary>Verifies Bybit categories, URL matching, connection planning (args per request, sharding, ping), resubscribe frames and instrument naming.</summary>
public class BybitProtocolTests
{
    [Theory]
    [InlineData("wss://stream.bybit.com/v5/public/linear", BybitCategory.Linear)]
    [InlineData("wss://stream.bybit.com/realtime_public", BybitCategory.Linear)]
    [InlineData("wss://stream.bybit.com/v5/public/spot", BybitCategory.Spot)]
    [InlineData("wss://stream.bybit.com/v5/public/inverse", BybitCategory.Inverse)]
    [InlineData("wss://stream.bybit.com/realtime", BybitCategory.Inverse)]
    [InlineData("https://api.bybit.com/v5/market/instruments-info?category=spot", BybitCategory.Spot)]
    public void MatchesUrl_OnlyTheAdapterOfTheUrlsCategory(string url, BybitCategory category)
    {
        var matching = BybitProtocol.All().Where(p => p.MatchesUrl(url)).ToList();

        matching.Should().ContainSingle().Which.Should().BeOfType<BybitProtocol>().Which.Category.Should().Be(category);
    }

    [Theory]
    [InlineData("wss://stream.bybit.com/v5/public/option")]
    [InlineData("wss://ws.okx.com:8443/ws/v5/public")]
    public void MatchesUrl_OtherUrls_NoAdapter(string url) => BybitProtocol.All().Should().NotContain(p => p.MatchesUrl(url));

    [Fact]
    public void PlanConnections_SevenSymbols_TenArgsPerRequestPingEvery20s()
    {
        var protocol = new BybitProtocol(BybitCategory.Spot, bookDepth: 200);
        var options = new VenueOptions { Symbols = ["btcusdt", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT", "DOGEUSDT", "DOTUSDT"] };

        var plan = protocol.PlanConnections(options).Should().ContainSingle().Subject;

        plan.Uri.Should().Be(new Uri("wss://stream.bybit.com/v5/public/spot"));
        plan.BookSymbols.Should().HaveCount(7).And.Contain("BTCUSDT");
        plan.KeepAlive.Should().Be(new ConnectionKeepAlive("""{"op":"ping"}""", TimeSpan.FromSeconds(20)));
        var args = plan.SubscribeMessages.Select(m => JsonDocument.Parse(m).RootElement.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList()).ToList();
        args.Should().HaveCount(2);
        args[0].Should().HaveCount(10);
        args.SelectMany(a => a).Should().Contain(["orderbook.200.BTCUSDT", "publicTrade.DOTUSDT"]);
    }

    [Fact]
    public void PlanConnections_StreamCap_ShardsAcrossConnections()
    {
        var options = new VenueOptions { Symbols = Enumerable.Range(0, 5).Select(i => $"C{i}USDT").ToList(), MaxStreamsPerConnection = 4 };

        var plans = new BybitProtocol().PlanConnections(options);

        plans.Select(p => p.BookSymbols.Count).Should().Equal(2, 2, 1);
        plans.Select(p => p.Name).Should().Equal("public-0", "public-1", "public-2");
    }

    [Fact]
    public void ResubscribeMessages_OneSymbol_UnsubscribesThenSubscribesItsBookTopic()
    {
        var protocol = new BybitProtocol();

        protocol.ResubscribeMessages(new VenueOptions(), "BTCUSDT").Should().Equal(
            """{"op":"unsubscribe","args":["orderbook.50.BTCUSDT"]}""",
            """{"op":"subscribe","args":["orderbook.50.BTCUSDT"]}""");
        protocol.SnapshotSource.Should().Be(BookSnapshotSource.Stream);
        protocol.Venue.Should().Be("bybit");
    }

    [Theory]
    [InlineData(BybitCategory.Linear, "BTCUSDT", "BTC-USDT-PERP", InstrumentKind.Perpetual)]
    [InlineData(BybitCategory.Linear, "BTCPERP", "BTC-USDC-PERP", InstrumentKind.Perpetual)]
    [InlineData(BybitCategory.Linear, "BTCUSDT-26DEC25", "BTC-USDT-20251226", InstrumentKind.Future)]
    [InlineData(BybitCategory.Linear, "ETH-26DEC25", "ETH-USDC-20251226", InstrumentKind.Future)]
    [InlineData(BybitCategory.Spot, "BTCUSDT", "BTC-USDT", InstrumentKind.Spot)]
    [InlineData(BybitCategory.Inverse, "BTCUSD", "BTC-USD-PERP", InstrumentKind.Perpetual)]
    [InlineData(BybitCategory.Inverse, "BTCUSDZ25", "BTC-USD-20251226", InstrumentKind.Future)]
    public void InferInstrument_SymbolAndCategory_CanonicalName(BybitCategory category, string symbol, string canonical, InstrumentKind kind)
    {
        var instrument = new BybitProtocol(category).InferInstrument(symbol);

        instrument.Canonical.Should().Be(canonical);
        instrument.Kind.Should().Be(kind);
        instrument.Venue.Should().Be(category.VenueId());
    }

    [Fact]
    public void TryParseInstruments_DocumentedLinearResponse_TickLotStatusAndNames()
    {
        // §7 REST /v5/market/instruments-info?category=linear response shape (abridged).
        const string body = """
        {"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[
          {"symbol":"BTCUSDT","contractType":"LinearPerpetual","status":"Trading","baseCoin":"BTC","quoteCoin":"USDT","launchTime":"1585526400000","deliveryTime":"0","priceScale":"2","priceFilter":{"minPrice":"0.10","maxPrice":"199999.80","tickSize":"0.10"},"lotSizeFilter":{"maxOrderQty":"100.000","minOrderQty":"0.001","qtyStep":"0.001"},"settleCoin":"USDT"},
          {"symbol":"BTCUSDT-26DEC25","contractType":"LinearFutures","status":"PreLaunch","baseCoin":"BTC","quoteCoin":"USDT","deliveryTime":"1766736000000","priceFilter":{"tickSize":"0.50"},"lotSizeFilter":{"qtyStep":"0.001"}}
        ],"nextPageCursor":""},"retExtInfo":{},"time":1672712495660}
        """;

        new BybitProtocol().TryParseInstruments(Encoding.UTF8.GetBytes(body), out var instruments).Should().BeTrue();

        instruments.Select(i => i.Canonical).Should().Equal("BTC-USDT-PERP", "BTC-USDT-20251226");
        instruments[0].TickSize.ToString().Should().Be("0.10");
        instruments[0].LotSize.ToString().Should().Be("0.001");
        instruments[0].Status.Should().Be(InstrumentStatus.Trading);
        instruments[1].Status.Should().Be(InstrumentStatus.Halted);
        instruments[1].Expiry.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1766736000000));
    }

    [Fact]
    public void TryParseInstruments_DocumentedSpotResponse_UsesBasePrecisionAsLot()
    {
        const string body = """
        {"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[
          {"symbol":"BTCUSDT","baseCoin":"BTC","quoteCoin":"USDT","innovation":"0","status":"Trading","marginTrading":"both","lotSizeFilter":{"basePrecision":"0.000001","quotePrecision":"0.00000001","minOrderQty":"0.000048","maxOrderQty":"71.73956243"},"priceFilter":{"tickSize":"0.01"}}
        ]},"retExtInfo":{},"time":1672712468011}
        """;

        new BybitProtocol(BybitCategory.Spot).TryParseInstruments(Encoding.UTF8.GetBytes(body), out var instruments).Should().BeTrue();

        var btc = instruments.Should().ContainSingle().Subject;
        btc.Canonical.Should().Be("BTC-USDT");
        btc.Venue.Should().Be("bybit-spot");
        btc.LotSize.ToString().Should().Be("0.000001");
        btc.TickSize.ToString().Should().Be("0.01");
        new BybitProtocol(BybitCategory.Linear).TryParseInstruments(Encoding.UTF8.GetBytes(body), out _).Should().BeFalse("a spot list is not the linear venue's");
    }

    [Theory]
    [InlineData("""{"retCode":10001,"retMsg":"params error","result":{},"time":1}""")]
    [InlineData("{")]
    public void TryParseInstruments_ErrorOrMalformed_ReturnsFalse(string body) =>
        new BybitProtocol().TryParseInstruments(Encoding.UTF8.GetBytes(body), out _).Should().BeFalse();
}
