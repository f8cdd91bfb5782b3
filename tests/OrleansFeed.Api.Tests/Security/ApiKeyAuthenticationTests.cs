using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Api.Security.ApiKeys;
using OrleansFeed.Api.Security.Audit;

namespace OrleansFeed.Api.Tests.Security;

/// <summary>
/// Verifies API keys on REST and WebSocket: no key and a wrong key get 401 problem details, a plain or hashed key from
/// the file is served, health stays open, other paths (e.g. /metrics) are protected, and uses are counted per key.
/// </summary>
public sealed class ApiKeyAuthenticationTests : IAsyncDisposable
{
    private const string AliceKey = "alice-0123456789-secret";
    private const string BobKey = "bob-9876543210-secret";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
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
    public async Task Rest_NoKeyRightKeyWrongKey_Returns401Then200Then401()
    {
        _host = await StartAsync();

        var none = await _host.Http.GetAsync("/api/v1/instruments", null, Ct);
        var right = await _host.Http.GetAsync("/api/v1/instruments", AliceKey, Ct);
        var wrong = await _host.Http.GetAsync("/api/v1/instruments", "alice-0123456789-secreT", Ct);

        none.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        none.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await none.Content.ReadAsStringAsync(Ct)).Should().Contain("\"status\":401").And.Contain("X-API-Key");
        none.Headers.WwwAuthenticate.ToString().Should().Contain("ApiKey");
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync(Ct)).Should().Contain("BTCUSDT");
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync(Ct)).Should().Contain("not valid").And.NotContain("secreT");
    }

    [Fact]
    public async Task Rest_HashedKeyLine_AuthenticatesAndCountsUsesPerKey()
    {
        _host = await StartAsync();
        var audit = _host.Services.GetRequiredService<AuditLog>();

        var first = await _host.Http.GetAsync("/api/v1/instruments", BobKey, Ct);
        var second = await _host.Http.GetAsync("/api/v1/books/binance/BTCUSDT?depth=1", BobKey, Ct);
        await _host.Http.GetAsync("/api/v1/instruments", "no-such-key", Ct);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        audit.UsesOf("key:bob").Should().Be(2);
        audit.UsesOf("key:alice").Should().Be(0);
        audit.FailuresOf("ApiKey").Should().Be(1);
    }

    [Fact]
    public async Task OpenAndProtectedPaths_WithoutKey_HealthServedEverythingElse401()
    {
        _host = await StartAsync();

        var live = await _host.Http.GetAsync("/health/live", null, Ct);
        var ready = await _host.Http.GetAsync("/health/ready", null, Ct);
        var metrics = await _host.Http.GetAsync("/metrics", null, Ct);
        var docs = await _host.Http.GetAsync("/docs", null, Ct);
        var metricsWithKey = await _host.Http.GetAsync("/metrics", AliceKey, Ct);

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        metrics.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        docs.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        metricsWithKey.StatusCode.Should().Be(HttpStatusCode.NotFound, "with a key the request passes authorization; this host maps no /metrics");
    }

    [Fact]
    public async Task HealthOpenFalse_HealthWithoutKey_Returns401()
    {
        _host = await StartAsync(new() { ["Security:HealthOpen"] = "false" });

        var live = await _host.Http.GetAsync("/health/live", null, Ct);

        live.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WebSocket_KeyInUpgradeHeader_Served_WithoutOrWrongKey_Refused401()
    {
        _host = await StartAsync();

        var none = await SecuredApi.RefusedUpgradeAsync(_host.WebSocketUri, null, Ct);
        var wrong = await SecuredApi.RefusedUpgradeAsync(_host.WebSocketUri, o => o.SetRequestHeader("X-API-Key", "wrong"), Ct);
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct, configure: o => o.SetRequestHeader("X-API-Key", AliceKey));
        await client.SendAsync("""{"op":"subscribe","channel":"book","venue":"binance","symbol":"BTCUSDT","depth":2,"id":1}""", Ct);

        none.Should().Be(HttpStatusCode.Unauthorized);
        wrong.Should().Be(HttpStatusCode.Unauthorized);
        await client.ExpectAsync("ack", Ct);
        (await client.ExpectAsync("snapshot", Ct)).GetProperty("bids").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task KeyFileChanged_NewKeyServedRevokedKeyRefused_BadFileKeepsKeys()
    {
        var keyFile = SecuredApi.WriteKeyFile("alice:" + AliceKey);
        _host = await ApiHost.StartAsync(security: new Dictionary<string, string?> { ["Security:ApiKeysFile"] = keyFile });
        (await _host.Http.GetAsync("/api/v1/instruments", AliceKey, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        await File.WriteAllLinesAsync(keyFile, ["carol:" + BobKey], Ct);
        await WaitForStatusAsync(BobKey, HttpStatusCode.OK, "the rewritten key file to be loaded (polled)");
        var revoked = await _host.Http.GetAsync("/api/v1/instruments", AliceKey, Ct);
        await File.WriteAllLinesAsync(keyFile, ["not a key line"], Ct);
        var store = _host.Services.GetRequiredService<ApiKeyStore>();
        await WaitUntilAsync(() => store.FailedReloads == 1, "the broken key file to be read (polled) and rejected");
        var kept = await _host.Http.GetAsync("/api/v1/instruments", BobKey, Ct);

        revoked.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        kept.StatusCode.Should().Be(HttpStatusCode.OK, "a key file that does not parse keeps the previous keys");
    }

    private async Task WaitForStatusAsync(string key, HttpStatusCode expected, string what)
    {
        while ((await _host!.Http.GetAsync("/api/v1/instruments", key, Ct)).StatusCode != expected)
        {
            Ct.IsCancellationRequested.Should().BeFalse("timed out waiting for " + what);
            await Task.Delay(100, Ct);
        }
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        while (!condition())
        {
            Ct.IsCancellationRequested.Should().BeFalse("timed out waiting for " + what);
            await Task.Delay(100, Ct);
        }
    }

    private static Task<ApiHost> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var keys = SecuredApi.WriteKeyFile(
            "# test keys",
            "alice:" + AliceKey,
            "bob:sha256:" + SecuredApi.Sha256Hex(BobKey) + ":pro");
        var settings = new Dictionary<string, string?>
        {
            ["Security:ApiKeysFile"] = keys,
            ["Security:Tiers:pro:RequestsPerSecond"] = "100",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return ApiHost.StartAsync(security: settings);
    }
}
