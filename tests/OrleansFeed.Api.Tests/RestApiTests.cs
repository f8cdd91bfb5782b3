using OrleansFeed.Core.Quotes;
using System.Net;
using System.Text.Json;
using OrleansFeed.Api.Tests.Fakes;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;

namespace OrleansFeed.Api.Tests;

/// <summary>Verifies the /api/v1 REST contract: exact JSON, decimal strings, validation problems and 404s.</summary>
public sealed class RestApiTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(15));
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task GetBook_WithDepth2_ReturnsExactJsonWithDecimalStringsBestFirst()
    {
        var response = await _host.Http.GetAsync(new Uri("/api/v1/books/binance/BTCUSDT?depth=2", UriKind.Relative), _timeout.Token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync(_timeout.Token);
        body.Should().Be(
            Q("{'venue':'binance','symbol':'BTCUSDT','instrument':'BTC-USDT','syncState':'synced','stale':false,'epoch':1,'sequence':1,'lastUpdateId':1001,")
            + Q("'exchangeTime':'2023-11-14T22:13:20.123456Z','receiveTime':'2023-11-14T22:13:20.223456Z',")
            + Q("'bids':[['100.10','1.5'],['100.00','2.000']],'asks':[['100.20','0.5'],['100.3','3']],")
            + Q("'counters':{'messages':10,'applied':9,'gaps':0,'resyncs':0,'snapshotsLoaded':1,'duplicates':0,'crossedBooks':0,'checksumFailures':0,'rejectedFrames':0,'lastVerified':'2023-11-14T22:13:20.223456Z','checksumsVerified':0}}"));
    }

    [Fact]
    public async Task GetBook_WithoutDepthAndLowerCaseSymbol_ReturnsAllLevelsOfTheBook()
    {
        using var doc = await GetJsonAsync("/api/v1/books/binance/btcusdt", HttpStatusCode.OK);

        doc.RootElement.GetProperty("symbol").GetString().Should().Be("BTCUSDT");
        doc.RootElement.GetProperty("bids").GetArrayLength().Should().Be(3);
        doc.RootElement.GetProperty("asks").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task GetBook_UnknownSymbol_Returns404Problem()
    {
        using var doc = await GetJsonAsync("/api/v1/books/binance/NOPE", HttpStatusCode.NotFound);

        doc.RootElement.GetProperty("status").GetInt32().Should().Be(404);
        doc.RootElement.GetProperty("detail").GetString().Should().Contain("NOPE");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5001")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    public async Task GetBook_BadDepth_Returns400ProblemNamingDepth(string depth)
    {
        using var doc = await GetJsonAsync($"/api/v1/books/binance/BTCUSDT?depth={depth}", HttpStatusCode.BadRequest);

        doc.RootElement.GetProperty("title").GetString().Should().Contain("depth");
        doc.RootElement.GetProperty("detail").GetString().Should().Contain("1..5000");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("x")]
    public async Task GetTrades_BadLimit_Returns400ProblemNamingLimit(string limit)
    {
        using var doc = await GetJsonAsync($"/api/v1/trades/binance/BTCUSDT?limit={limit}", HttpStatusCode.BadRequest);

        doc.RootElement.GetProperty("title").GetString().Should().Contain("limit");
    }

    [Fact]
    public async Task GetTrades_WithLimit_ReturnsNewestFirst()
    {
        await _host.Btc.AddTradeAsync(1, "100.10", "0.5", AggressorSide.Buy);
        await _host.Btc.AddTradeAsync(2, "100.20", "0.25", AggressorSide.Sell);
        await _host.Btc.AddTradeAsync(3, "100.30", "1", AggressorSide.Unknown);

        var body = await GetStringAsync("/api/v1/trades/binance/BTCUSDT?limit=2");

        body.Should().Be(
            Q("[{'id':3,'price':'100.30','size':'1','side':'unknown','exchangeTime':'2023-11-14T22:13:20.123456Z','receiveTime':'2023-11-14T22:13:20.223456Z'},")
            + Q("{'id':2,'price':'100.20','size':'0.25','side':'sell','exchangeTime':'2023-11-14T22:13:20.123456Z','receiveTime':'2023-11-14T22:13:20.223456Z'}]"));
    }

    [Fact]
    public async Task GetTicker_WithBookTradeAndVenueBbo_ReturnsAllFields()
    {
        await _host.Btc.AddTradeAsync(7, "100.15", "0.1", AggressorSide.Buy);
        _host.Btc.VenueBbo = new BestBidOffer(42, FixedDecimal.Parse("100.10"), FixedDecimal.Parse("1.5"), FixedDecimal.Parse("100.20"), FixedDecimal.Parse("0.5"), default, FakeOrderBookGrain.ReceiveTime);

        using var doc = await GetJsonAsync("/api/v1/ticker/binance/BTCUSDT", HttpStatusCode.OK);

        var root = doc.RootElement;
        root.GetProperty("bestBid").GetRawText().Should().Be(Q("{'price':'100.10','size':'1.5'}"));
        root.GetProperty("bestAsk").GetRawText().Should().Be(Q("{'price':'100.20','size':'0.5'}"));
        root.GetProperty("lastTrade").GetProperty("side").GetString().Should().Be("buy");
        root.GetProperty("venueBbo").GetRawText().Should().Be(
            Q("{'updateId':42,'bidPrice':'100.10','bidSize':'1.5','askPrice':'100.20','askSize':'0.5','exchangeTime':null,'receiveTime':'2023-11-14T22:13:20.223456Z'}"));
        root.GetProperty("syncState").GetString().Should().Be("synced");
    }

    [Fact]
    public async Task GetTicker_EmptyBook_ReturnsNullLevelsAndTrade()
    {
        using var doc = await GetJsonAsync("/api/v1/ticker/binance/ETHUSDT", HttpStatusCode.OK);

        doc.RootElement.GetProperty("bestBid").ValueKind.Should().Be(JsonValueKind.Null);
        doc.RootElement.GetProperty("bestAsk").ValueKind.Should().Be(JsonValueKind.Null);
        doc.RootElement.GetProperty("lastTrade").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task GetInstruments_ReturnsCatalogWithDecimalStrings()
    {
        var body = await GetStringAsync("/api/v1/instruments");

        body.Should().Be(
            Q("[{'venue':'binance','symbol':'BTCUSDT','instrument':'BTC-USDT','kind':'spot','base':'BTC','quote':'USDT','tickSize':'0.01','lotSize':'0.00001','status':'trading'},")
            + Q("{'venue':'binance','symbol':'ETHUSDT','instrument':'ETH-USDT','kind':'spot','base':'ETH','quote':'USDT','tickSize':'0.01','lotSize':'0.0001','status':'halted'},")
            + Q("{'venue':'kraken','symbol':'XBT/USD','instrument':'BTC-USD','kind':'spot','base':'BTC','quote':'USD','tickSize':'0.1','lotSize':'0.00000001','status':'trading'}]"));
    }

    [Theory]
    [InlineData("/api/v1/books/binance")]
    [InlineData("/api/v1/nothing")]
    [InlineData("/api/v1/ticker/%20/%20")]
    public async Task Get_UnknownPathOrBlankSegments_Returns404Problem(string path)
    {
        using var doc = await GetJsonAsync(path, HttpStatusCode.NotFound);

        doc.RootElement.GetProperty("status").GetInt32().Should().Be(404);
    }

    [Theory]
    [InlineData("/api/v1/books/kraken/XBT/USD")]
    [InlineData("/api/v1/books/kraken/XBT%2FUSD")]
    [InlineData("/api/v1/ticker/kraken/XBT/USD")]
    public async Task Get_SymbolWithSlash_ResolvesTheBook(string path)
    {
        using var doc = JsonDocument.Parse(await GetStringAsync(path));

        doc.RootElement.GetProperty("symbol").GetString().Should().Be("XBT/USD");
        doc.RootElement.GetProperty("instrument").GetString().Should().Be("BTC-USD");
    }

    [Fact]
    public async Task GetBook_GrainCallFails_Returns503Problem()
    {
        _host.Catalog.AddOrUpdate(ApiHost.BtcInstrument with { Symbol = "SOLUSDT", Canonical = "SOL-USDT" });

        using var doc = await GetJsonAsync("/api/v1/books/binance/SOLUSDT", HttpStatusCode.ServiceUnavailable);

        doc.RootElement.GetProperty("status").GetInt32().Should().Be(503);
    }

    [Fact]
    public async Task GetWebSocketPath_WithoutUpgrade_Returns400Problem()
    {
        using var doc = await GetJsonAsync("/ws", HttpStatusCode.BadRequest);

        doc.RootElement.GetProperty("title").GetString().Should().Contain("WebSocket");
    }

    /// <summary>Expected JSON written with single quotes for readability.</summary>
    private static string Q(string json) => json.Replace('\'', '"');

    private async Task<string> GetStringAsync(string path)
    {
        var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative), _timeout.Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(_timeout.Token);
    }

    private async Task<JsonDocument> GetJsonAsync(string path, HttpStatusCode expected)
    {
        var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative), _timeout.Token);
        var body = await response.Content.ReadAsStringAsync(_timeout.Token);
        response.StatusCode.Should().Be(expected, body);
        if (expected != HttpStatusCode.OK)
        {
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        return JsonDocument.Parse(body);
    }
}
