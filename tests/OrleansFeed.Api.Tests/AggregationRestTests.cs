using System.Net;
using System.Text.Json;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Api.Tests;

/// <summary>Verifies the aggregation REST contract: NBBO, depth, stats and candles as decimal strings, validation problems and 404s.</summary>
public sealed class AggregationRestTests : IAsyncLifetime
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
    public async Task GetNbbo_LowerCaseInstrument_DecimalStringsWithVenuesAtTheBest()
    {
        var root = await GetJsonAsync("/api/v1/nbbo/btc-usdt");

        root.GetProperty("instrument").GetString().Should().Be("BTC-USDT");
        root.GetProperty("sequence").GetInt64().Should().Be(5);
        root.GetProperty("bid").GetRawText().Should().Be("""{"price":"100.10","size":"1.5","venues":[{"venue":"binance","size":"1.5"}]}""");
        root.GetProperty("ask").GetProperty("venues").GetRawText().Should().Be("""[{"venue":"binance","size":"0.25"},{"venue":"kraken","size":"2"}]""");
        root.GetProperty("spread").GetString().Should().Be("0.10");
        root.GetProperty("feeAdjusted").GetProperty("bid").GetProperty("price").GetString().Should().Be("100.00");
        root.GetProperty("venues")[0].GetProperty("eligibility").GetString().Should().Be("eligible");
        root.GetProperty("exchangeTime").GetString().Should().Be("2023-11-14T22:13:20.123456Z");
    }

    [Fact]
    public async Task GetDepth_Levels_MergedLevelsWithVenueSizes()
    {
        var root = await GetJsonAsync("/api/v1/depth/BTC-USDT?levels=1");

        root.GetProperty("asks").GetArrayLength().Should().Be(1);
        root.GetProperty("asks")[0].GetRawText().Should().Be("""{"price":"100.20","size":"2","venues":[{"venue":"binance","size":"1"},{"venue":"kraken","size":"1"}]}""");
    }

    [Theory]
    [InlineData("/api/v1/depth/BTC-USDT?levels=0", "levels")]
    [InlineData("/api/v1/depth/BTC-USDT?levels=abc", "levels")]
    [InlineData("/api/v1/candles/BTC-USDT?interval=2m", "interval")]
    [InlineData("/api/v1/candles/BTC-USDT?start=yesterday", "start")]
    [InlineData("/api/v1/candles/BTC-USDT?start=1700000060000&end=1700000000000", "start")]
    [InlineData("/api/v1/candles/BTC-USDT?interval=1m&start=0&end=1700000000000", "start")]
    [InlineData("/api/v1/candles/BTC-USDT?venue=nowhere", "venue")]
    public async Task Aggregation_BadParameter_ProblemNamingTheParameter(string path, string parameter)
    {
        var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative), _timeout.Token);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_timeout.Token));
        doc.RootElement.GetProperty("parameter").GetString().Should().Be(parameter);
    }

    [Theory]
    [InlineData("/api/v1/nbbo/DOGE-USDT")]
    [InlineData("/api/v1/stats/BTC-EUR")]
    [InlineData("/api/v1/depth/nope")]
    [InlineData("/api/v1/candles/BTC-USDC")]
    public async Task Aggregation_UnknownInstrument_NotFoundProblem(string path)
    {
        var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative), _timeout.Token);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task GetStats_Instrument_ConsolidatedAndPerVenueWindows()
    {
        var root = await GetJsonAsync("/api/v1/stats/BTC-USDT");

        var c = root.GetProperty("consolidated");
        c.GetProperty("tradeCount").GetInt64().Should().Be(2);
        c.GetProperty("open").GetString().Should().Be("100.00");
        c.GetProperty("high").GetString().Should().Be("101.5");
        c.GetProperty("baseVolume").GetString().Should().Be("3");
        c.GetProperty("quoteVolume").GetString().Should().Be("302.5");
        c.GetProperty("priceChangePercent").GetString().Should().Be("1.5");
        root.GetProperty("venues")[0].GetProperty("venue").GetString().Should().Be("binance");
    }

    [Fact]
    public async Task GetCandles_IntervalStartEndVenue_PassedToTheGrain()
    {
        var root = await GetJsonAsync("/api/v1/candles/BTC-USDT?interval=5m&start=2023-11-14T22:00:00Z&end=1700000000000&venue=BINANCE");

        root.GetProperty("interval").GetString().Should().Be("5m");
        root.GetProperty("venue").GetString().Should().Be("binance");
        var candle = root.GetProperty("candles")[0];
        candle.GetProperty("open").GetString().Should().Be("100.00");
        candle.GetProperty("vwap").GetString().Should().Be("100.5");
        candle.GetProperty("closed").GetBoolean().Should().BeTrue();
        _host.BtcAggregate.LastCandleQuery.Should().Be((CandleInterval.FiveMinutes, new Timestamp(1_699_999_200_000_000), new Timestamp(1_700_000_000_000_000), "binance"));
    }

    [Fact]
    public async Task GetNbboLatency_Instrument_MicrosecondNumbers()
    {
        var root = await GetJsonAsync("/api/v1/nbbo/BTC-USDT/latency");

        root.GetProperty("count").GetInt64().Should().Be(0);
        root.GetProperty("receiveP999").ValueKind.Should().Be(JsonValueKind.Number);
    }

    [Fact]
    public async Task GetCandles_NoBounds_NewestCandlesWhateverTheClock()
    {
        var root = await GetJsonAsync("/api/v1/candles/BTC-USDT");

        root.GetProperty("interval").GetString().Should().Be("1m");
        root.GetProperty("venue").ValueKind.Should().Be(JsonValueKind.Null);
        _host.BtcAggregate.LastCandleQuery.Should().Be((CandleInterval.OneMinute, new Timestamp(long.MinValue), new Timestamp(long.MaxValue), (string?)null));
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative), _timeout.Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_timeout.Token));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_timeout.Token));
        return doc.RootElement.Clone();
    }
}
