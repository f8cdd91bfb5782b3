using OrleansFeed.Core.Trades;

namespace OrleansFeed.Api.Tests;

/// <summary>Verifies the WebSocket protocol edges: trades, heartbeats, ping, and error replies that keep the connection open.</summary>
public sealed class WebSocketProtocolTests : IAsyncDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(15));
    private ApiHost? _host;

    private CancellationToken Ct => _timeout.Token;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _timeout.Dispose();
    }

    [Fact]
    public async Task Subscribe_Trades_ForwardsEachTrade()
    {
        _host = await ApiHost.StartAsync();
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        await client.SendAsync("""{"op":"subscribe","channel":"trades","venue":"binance","symbol":"btcusdt","id":"t"}""", Ct);
        await client.ExpectAsync("ack", Ct);

        await _host.Btc.AddTradeAsync(11, "100.15", "0.250", AggressorSide.Sell);

        var trade = await client.ExpectAsync("trade", Ct);
        trade.GetRawText().Should().Be(
            """{"type":"trade","channel":"trades","venue":"binance","symbol":"BTCUSDT","instrument":"BTC-USDT","id":11,"price":"100.15","size":"0.250","side":"sell","exchangeTime":"2023-11-14T22:13:20.123456Z","receiveTime":"2023-11-14T22:13:20.223456Z"}""");
    }

    [Fact]
    public async Task Connection_Idle_ReceivesHeartbeats()
    {
        _host = await ApiHost.StartAsync(o => o.WebSocket.HeartbeatInterval = TimeSpan.FromMilliseconds(100));
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);

        var first = await client.ReceiveAnyAsync(Ct);
        var second = await client.ReceiveAnyAsync(Ct);

        first!.Value.GetProperty("type").GetString().Should().Be("heartbeat");
        second!.Value.GetProperty("type").GetString().Should().Be("heartbeat");
        first.Value.GetProperty("time").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$");
    }

    [Theory]
    [InlineData("""{"op":"dance","id":5}""", 400, "unknown op")]
    [InlineData("""{"op":"subscribe","channel":"book","venue":"binance","symbol":"NOPE","id":5}""", 404, "unknown instrument")]
    [InlineData("""{"op":"subscribe","channel":"book","venue":"binance","symbol":"BTCUSDT","depth":0,"id":5}""", 400, "depth")]
    [InlineData("""{"op":"subscribe","channel":"book","venue":"binance","symbol":"BTCUSDT","depth":"ten","id":5}""", 400, "depth")]
    [InlineData("""{"op":"subscribe","channel":"orders","venue":"binance","symbol":"BTCUSDT","id":5}""", 400, "unknown channel")]
    [InlineData("""{"op":"subscribe","channel":"book","id":5}""", 400, "required")]
    [InlineData("""{"op":"unsubscribe","channel":"book","venue":"binance","symbol":"BTCUSDT","id":5}""", 404, "not subscribed")]
    public async Task Request_Bad_RepliesErrorWithIdAndStaysOpen(string request, int code, string text)
    {
        _host = await ApiHost.StartAsync();
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);

        await client.SendAsync(request, Ct);

        var error = await client.ExpectAsync("error", Ct);
        error.GetProperty("code").GetInt32().Should().Be(code);
        error.GetProperty("id").GetInt32().Should().Be(5);
        error.GetProperty("message").GetString().Should().Contain(text);
        await client.SendAsync("""{"op":"ping","id":6}""", Ct);
        (await client.ExpectAsync("pong", Ct)).GetProperty("id").GetInt32().Should().Be(6);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"op":"ping","id":{"a":1}}""")]
    public async Task Request_Malformed_RepliesError400WithNullIdAndStaysOpen(string request)
    {
        _host = await ApiHost.StartAsync();
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);

        await client.SendAsync(request, Ct);

        var error = await client.ExpectAsync("error", Ct);
        error.GetProperty("code").GetInt32().Should().Be(400);
        error.GetProperty("id").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        await client.SendAsync("""{"op":"ping"}""", Ct);
        await client.ExpectAsync("pong", Ct);
    }

    [Fact]
    public async Task Request_InvalidUtf8Text_ClosesWith1007AsDocumented()
    {
        _host = await ApiHost.StartAsync();
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        await client.SendAsync("""{"op":"ping","id":1}""", Ct);
        await client.ExpectAsync("pong", Ct);

        // RFC 6455 section 8.1: a text frame that is not UTF-8 fails the connection (the one documented exception to
        // "errors never close the connection"); the server's WebSocket closes with 1007 before the session sees it.
        await client.SendBytesAsync([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D], System.Net.WebSockets.WebSocketMessageType.Text, Ct);

        // Heartbeats may still arrive before the close frame; anything else would be a reply the server must not send.
        System.Text.Json.JsonElement? message;
        while ((message = await client.ReceiveAnyAsync(Ct)) is { } m && m.GetProperty("type").GetString() == "heartbeat")
        {
        }

        message.Should().BeNull("the server closes the connection instead of replying ({0})", message?.GetRawText());
        client.CloseStatus.Should().Be(System.Net.WebSockets.WebSocketCloseStatus.InvalidPayloadData, "state {0}", client.State);
        await WaitUntilAsync(() => _host.Sessions.Sessions.Count == 0);
    }

    [Fact]
    public async Task Request_InvalidUtf8AsBinary_RepliesError400AndStaysOpen()
    {
        _host = await ApiHost.StartAsync();
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);

        // The same bytes in a binary frame are no protocol violation: an error reply, and the connection stays.
        await client.SendBytesAsync([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D], System.Net.WebSockets.WebSocketMessageType.Binary, Ct);

        (await client.ExpectAsync("error", Ct)).GetProperty("code").GetInt32().Should().Be(400);
        await client.SendAsync("""{"op":"ping","id":2}""", Ct);
        await client.ExpectAsync("pong", Ct);
    }

    [Fact]
    public async Task Request_LargerThanLimit_RepliesErrorAndStaysOpen()
    {
        _host = await ApiHost.StartAsync(o => o.WebSocket.MaxClientMessageBytes = 256);
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);

        await client.SendAsync("{\"op\":\"ping\",\"pad\":\"" + new string('x', 1000) + "\"}", Ct);

        (await client.ExpectAsync("error", Ct)).GetProperty("message").GetString().Should().Contain("larger than 256");
        await client.SendAsync("""{"op":"ping"}""", Ct);
        await client.ExpectAsync("pong", Ct);
    }

    [Fact]
    public async Task Subscribe_BookWhoseGrainIsUnavailable_RepliesError503AndStaysOpen()
    {
        _host = await ApiHost.StartAsync();
        _host.Catalog.AddOrUpdate(ApiHost.BtcInstrument with { Symbol = "SOLUSDT", Canonical = "SOL-USDT" });
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);

        await client.SendAsync("""{"op":"subscribe","channel":"book","venue":"binance","symbol":"SOLUSDT","id":2}""", Ct);

        (await client.ExpectAsync("error", Ct)).GetProperty("code").GetInt32().Should().Be(503);
        await client.SendAsync("""{"op":"ping"}""", Ct);
        await client.ExpectAsync("pong", Ct);
    }

    [Fact]
    public async Task Subscribe_BeyondLimit_RepliesErrorAndKeepsExistingSubscription()
    {
        _host = await ApiHost.StartAsync(o => o.WebSocket.MaxSubscriptionsPerConnection = 1);
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        await client.SendAsync("""{"op":"subscribe","channel":"trades","venue":"binance","symbol":"BTCUSDT","id":1}""", Ct);
        await client.ExpectAsync("ack", Ct);

        await client.SendAsync("""{"op":"subscribe","channel":"trades","venue":"binance","symbol":"ETHUSDT","id":2}""", Ct);

        (await client.ExpectAsync("error", Ct)).GetProperty("message").GetString().Should().Contain("limit 1");
        await _host.Btc.AddTradeAsync(1, "100", "1", AggressorSide.Buy);
        (await client.ExpectAsync("trade", Ct)).GetProperty("id").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Subscribe_Twice_RepliesErrorForTheDuplicate()
    {
        _host = await ApiHost.StartAsync();
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        const string subscribe = """{"op":"subscribe","channel":"trades","venue":"binance","symbol":"BTCUSDT","id":1}""";

        await client.SendAsync(subscribe, Ct);
        await client.ExpectAsync("ack", Ct);
        await client.SendAsync(subscribe, Ct);

        (await client.ExpectAsync("error", Ct)).GetProperty("message").GetString().Should().Contain("already subscribed");
    }

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            Ct.IsCancellationRequested.Should().BeFalse("timed out waiting for the session to end");
            await Task.Delay(10, CancellationToken.None);
        }
    }
}
