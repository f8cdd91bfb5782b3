using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace OrleansFeed.Api.Tests.Security;

/// <summary>
/// Verifies the per-client limits on a fake clock: REST token buckets answer 429 with Retry-After and problem details
/// and recover when the clock moves; buckets are per key; WebSocket connections per key, subscriptions per tier and
/// the inbound message rate are capped (the last one tells the client, then closes with 1008).
/// </summary>
public sealed class ClientLimitsTests : IAsyncDisposable
{
    private const string AliceKey = "alice-limits-0123456789";
    private const string BobKey = "bob-limits-0123456789";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
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
    public async Task Rest_AnonymousOverBurst_429WithRetryAfter_RecoversWhenClockMoves()
    {
        _host = await StartAsync(new()
        {
            ["Security:AllowAnonymous"] = "true",
            ["Security:Anonymous:RequestBurst"] = "2",
            ["Security:Anonymous:RequestsPerSecond"] = "1",
        }, keys: false);

        var first = await _host.Http.GetAsync("/api/v1/instruments", null, Ct);
        var second = await _host.Http.GetAsync("/api/v1/instruments", null, Ct);
        var third = await _host.Http.GetAsync("/api/v1/instruments", null, Ct);
        var health = await _host.Http.GetAsync("/health/live", null, Ct);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var recovered = await _host.Http.GetAsync("/api/v1/instruments", null, Ct);
        var againLimited = await _host.Http.GetAsync("/api/v1/instruments", null, Ct);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        third.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        third.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await third.Content.ReadAsStringAsync(Ct)).Should().Contain("\"status\":429").And.Contain("tier anonymous");
        health.StatusCode.Should().Be(HttpStatusCode.OK, "health probes are not limited");
        recovered.StatusCode.Should().Be(HttpStatusCode.OK);
        againLimited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "one second refills one token");
    }

    [Fact]
    public async Task Rest_LoopbackWithoutAuthentication_NotLimited()
    {
        _host = await StartAsync(new()
        {
            ["Security:Anonymous:RequestBurst"] = "1",
            ["Security:Anonymous:RequestsPerSecond"] = "1",
        }, keys: false);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await _host.Http.GetAsync("/api/v1/instruments", null, Ct)).StatusCode);
        }

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK, "the default local mode (loopback, no authentication) is not limited");
    }

    [Fact]
    public async Task Rest_BucketsPerKey_OneKeyLimitedOtherServed()
    {
        _host = await StartAsync(new()
        {
            ["Security:Default:RequestBurst"] = "1",
            ["Security:Default:RequestsPerSecond"] = "1",
        });

        var alice1 = await _host.Http.GetAsync("/api/v1/instruments", AliceKey, Ct);
        var alice2 = await _host.Http.GetAsync("/api/v1/instruments", AliceKey, Ct);
        var bob1 = await _host.Http.GetAsync("/api/v1/instruments", BobKey, Ct);

        alice1.StatusCode.Should().Be(HttpStatusCode.OK);
        alice2.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        bob1.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WebSocket_ConnectionsPerKeyOverLimit_Refused429UntilOneCloses()
    {
        _host = await StartAsync(new() { ["Security:Default:MaxConnections"] = "1" });
        void Alice(ClientWebSocketOptions o) => o.SetRequestHeader("X-API-Key", AliceKey);

        var first = await WsClient.ConnectAsync(_host.WebSocketUri, Ct, configure: Alice);
        await first.SendAsync("""{"op":"ping","id":1}""", Ct);
        await first.ExpectAsync("pong", Ct);
        var second = await SecuredApi.RefusedUpgradeAsync(_host.WebSocketUri, Alice, Ct);
        await using var bob = await WsClient.ConnectAsync(_host.WebSocketUri, Ct, configure: o => o.SetRequestHeader("X-API-Key", BobKey));
        await first.DisposeAsync();
        await WaitUntilAsync(() => _host.Sessions.Sessions.Count == 1, "alice's first session to end");

        // The session leaves the registry a moment before its connection slot (the rate limiter's concurrency lease, released
        // when the upgrade request ends) is free again (failed once in CI with a
        // 429 here): retry the upgrade until the slot is free, within the test's token.
        WsClient? third = null;
        while (third is null)
        {
            try
            {
                third = await WsClient.ConnectAsync(_host.WebSocketUri, Ct, configure: Alice);
            }
            catch (WebSocketException ex) when (ex.Message.Contains("429", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), Ct);
            }
        }

        await using var thirdSocket = third;

        second.Should().Be(HttpStatusCode.TooManyRequests);
        await third.SendAsync("""{"op":"ping","id":3}""", Ct);
        await third.ExpectAsync("pong", Ct);
    }

    [Fact]
    public async Task WebSocket_SubscriptionsOverTierCap_Refused429ConnectionStaysOpen()
    {
        _host = await StartAsync(new() { ["Security:Tiers:small:MaxSubscriptions"] = "1" });
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct, configure: o => o.SetRequestHeader("X-API-Key", BobKey));

        await client.SendAsync("""{"op":"subscribe","channel":"trades","venue":"binance","symbol":"BTCUSDT","id":1}""", Ct);
        await client.ExpectAsync("ack", Ct);
        await client.SendAsync("""{"op":"subscribe","channel":"trades","venue":"binance","symbol":"ETHUSDT","id":2}""", Ct);
        var refused = await client.ExpectAsync("error", Ct);
        await client.SendAsync("""{"op":"unsubscribe","channel":"trades","venue":"binance","symbol":"BTCUSDT","id":3}""", Ct);
        await client.ExpectAsync("ack", Ct);
        await client.SendAsync("""{"op":"subscribe","channel":"trades","venue":"binance","symbol":"ETHUSDT","id":4}""", Ct);
        var accepted = await client.ExpectAsync("ack", Ct);

        refused.GetProperty("id").GetInt32().Should().Be(2);
        refused.GetProperty("code").GetInt32().Should().Be(429);
        refused.GetProperty("message").GetString().Should().Be("subscription limit 1 of tier small reached");
        accepted.GetProperty("id").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task WebSocket_MessagesOverRate_ToldThenClosedWith1008()
    {
        _host = await StartAsync(new()
        {
            ["Security:Default:MessageBurst"] = "3",
            ["Security:Default:MessagesPerSecond"] = "1",
        });
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct, configure: o => o.SetRequestHeader("X-API-Key", AliceKey));

        for (var i = 1; i <= 4; i++)
        {
            await client.SendAsync($$"""{"op":"ping","id":{{i}}}""", Ct);
        }

        var replies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var message = await client.ReceiveAsync(Ct);
            replies.Add(message.GetProperty("type").GetString() + ":" + (message.TryGetProperty("code", out var code) ? code.GetInt32() : 0));
        }

        replies.Should().Equal("pong:0", "pong:0", "pong:0", "error:429");
        (await client.ReceiveAnyAsync(Ct)).Should().BeNull();
        client.CloseStatus.Should().Be(WebSocketCloseStatus.PolicyViolation);
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        while (!condition())
        {
            Ct.IsCancellationRequested.Should().BeFalse("timed out waiting for " + what);
            await Task.Delay(20, Ct);
        }
    }

    private Task<ApiHost> StartAsync(Dictionary<string, string?> settings, bool keys = true)
    {
        if (keys)
        {
            settings["Security:ApiKeysFile"] = SecuredApi.WriteKeyFile("alice:" + AliceKey, "bob:" + BobKey + ":small");
            settings.TryAdd("Security:Tiers:small:MaxSubscriptions", "10");
        }

        return ApiHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock), security: settings);
    }
}
