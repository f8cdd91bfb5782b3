using OrleansFeed.Api.Tests.Fakes;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Api.Tests;

/// <summary>Verifies the instrument channels nbbo, stats and candles: ack, snapshot, then updates after the snapshot only; validation errors.</summary>
public sealed class WebSocketInstrumentTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(15));
    private ApiHost _host = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Subscribe_Nbbo_SnapshotThenNewerUpdatesOnly()
    {
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        await client.SendAsync("""{"op":"subscribe","channel":"nbbo","instrument":"btc-usdt","id":7}""", Ct);

        (await client.ExpectAsync("ack", Ct)).GetProperty("id").GetInt32().Should().Be(7);
        var snapshot = await client.ExpectAsync("snapshot", Ct);
        snapshot.GetProperty("channel").GetString().Should().Be("nbbo");
        snapshot.GetProperty("instrument").GetString().Should().Be("BTC-USDT");
        snapshot.GetProperty("data").GetProperty("bid").GetProperty("price").GetString().Should().Be("100.10");

        var agg = _host.BtcAggregate;
        await agg.PublishNbboAsync(agg.Current(99m) with { Sequence = 5 }); // already in the snapshot
        await agg.PublishNbboAsync(agg.Current(100.15m) with { Sequence = 6 });

        var update = await client.ExpectAsync("update", Ct);
        update.GetProperty("data").GetProperty("sequence").GetInt64().Should().Be(6);
        update.GetProperty("data").GetProperty("bid").GetProperty("price").GetString().Should().Be("100.15");
    }

    [Fact]
    public async Task Subscribe_Candles_OnlyTheRequestedIntervalAndSeries()
    {
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        await client.SendAsync("""{"op":"subscribe","channel":"candles","instrument":"BTC-USDT","interval":"5m","id":1}""", Ct);
        await client.ExpectAsync("ack", Ct);
        var snapshot = await client.ExpectAsync("snapshot", Ct);
        snapshot.GetProperty("data").GetProperty("interval").GetString().Should().Be("5m");

        var agg = _host.BtcAggregate;
        await agg.PublishCandleAsync(new CandleUpdate("BTC-USDT", null, FakeAggregatorGrain.Candle(CandleInterval.OneMinute, 1_700_000_040_000_000, closed: true)));
        await agg.PublishCandleAsync(new CandleUpdate("BTC-USDT", "binance", FakeAggregatorGrain.Candle(CandleInterval.FiveMinutes, 1_700_000_100_000_000, closed: true)));
        await agg.PublishCandleAsync(new CandleUpdate("BTC-USDT", null, FakeAggregatorGrain.Candle(CandleInterval.FiveMinutes, 1_700_000_100_000_000, closed: false)));

        var update = await client.ExpectAsync("update", Ct);
        update.GetProperty("data").GetProperty("interval").GetString().Should().Be("5m");
        update.GetProperty("data").GetProperty("venue").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        update.GetProperty("data").GetProperty("closed").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Subscribe_Stats_Snapshot()
    {
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        await client.SendAsync("""{"op":"subscribe","channel":"stats","instrument":"BTC-USDT","id":1}""", Ct);
        await client.ExpectAsync("ack", Ct);

        var snapshot = await client.ExpectAsync("snapshot", Ct);

        snapshot.GetProperty("data").GetProperty("consolidated").GetProperty("tradeCount").GetInt64().Should().Be(2);
    }

    [Theory]
    [InlineData("""{"op":"subscribe","channel":"nbbo","id":1}""", 400)]
    [InlineData("""{"op":"subscribe","channel":"nbbo","instrument":"DOGE-USDT","id":1}""", 404)]
    [InlineData("""{"op":"subscribe","channel":"candles","instrument":"BTC-USDT","interval":"7m","id":1}""", 400)]
    [InlineData("""{"op":"unsubscribe","channel":"stats","instrument":"BTC-USDT","id":1}""", 404)]
    public async Task Subscribe_BadInstrumentRequest_ErrorWithCode(string request, int code)
    {
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        await client.SendAsync(request, Ct);

        var error = await client.ExpectAsync("error", Ct);

        error.GetProperty("code").GetInt32().Should().Be(code);
    }
}
