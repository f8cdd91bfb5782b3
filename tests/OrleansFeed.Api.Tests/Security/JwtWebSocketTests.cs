using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace OrleansFeed.Api.Tests.Security;

/// <summary>
/// Verifies JWT on the WebSocket upgrade: no token, a token signed with another key, another issuer and an expired
/// token are refused with 401; a valid token in the header or the access_token query is served; a session whose
/// token expires is told (error 401) and closed with 1008.
/// </summary>
public sealed class JwtWebSocketTests : IAsyncDisposable
{
    private const string Subscribe = """{"op":"subscribe","channel":"trades","venue":"binance","symbol":"BTCUSDT","id":1}""";
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
    public async Task Upgrade_WithoutInvalidOrExpiredToken_Refused401()
    {
        _host = await ApiHost.StartAsync(security: SecuredApi.JwtSettings());
        var now = DateTime.UtcNow;
        var otherKey = SecuredApi.Token("svc-1", now.AddMinutes(-1), now.AddMinutes(10), key: "another-signing-key-0123456789abcdef-xyz");
        var otherIssuer = SecuredApi.Token("svc-1", now.AddMinutes(-1), now.AddMinutes(10), issuer: "https://elsewhere.test");
        var expired = SecuredApi.Token("svc-1", now.AddMinutes(-30), now.AddMinutes(-10));

        var none = await SecuredApi.RefusedUpgradeAsync(_host.WebSocketUri, null, Ct);
        var badSignature = await SecuredApi.RefusedUpgradeAsync(_host.WebSocketUri, o => o.SetRequestHeader("Authorization", "Bearer " + otherKey), Ct);
        var badIssuer = await SecuredApi.RefusedUpgradeAsync(_host.WebSocketUri, o => o.SetRequestHeader("Authorization", "Bearer " + otherIssuer), Ct);
        var old = await SecuredApi.RefusedUpgradeAsync(_host.WebSocketUri, o => o.SetRequestHeader("Authorization", "Bearer " + expired), Ct);
        var garbage = await SecuredApi.RefusedUpgradeAsync(new Uri(_host.WebSocketUri + "?access_token=not.a.token"), null, Ct);

        none.Should().Be(HttpStatusCode.Unauthorized);
        badSignature.Should().Be(HttpStatusCode.Unauthorized);
        badIssuer.Should().Be(HttpStatusCode.Unauthorized);
        old.Should().Be(HttpStatusCode.Unauthorized);
        garbage.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Upgrade_ValidTokenInHeaderOrQuery_Served()
    {
        _host = await ApiHost.StartAsync(security: SecuredApi.JwtSettings());
        var now = DateTime.UtcNow;
        var token = SecuredApi.Token("svc-1", now.AddMinutes(-1), now.AddMinutes(10));

        await using var byHeader = await WsClient.ConnectAsync(_host.WebSocketUri, Ct, configure: o => o.SetRequestHeader("Authorization", "Bearer " + token));
        await using var byQuery = await WsClient.ConnectAsync(new Uri(_host.WebSocketUri + "?access_token=" + token), Ct);
        await byHeader.SendAsync(Subscribe, Ct);
        await byQuery.SendAsync(Subscribe, Ct);

        (await byHeader.ExpectAsync("ack", Ct)).GetProperty("id").GetInt32().Should().Be(1);
        (await byQuery.ExpectAsync("ack", Ct)).GetProperty("id").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Rest_ValidToken_Served_WithoutToken_401()
    {
        _host = await ApiHost.StartAsync(security: SecuredApi.JwtSettings());
        var now = DateTime.UtcNow;
        var token = SecuredApi.Token("svc-1", now.AddMinutes(-1), now.AddMinutes(10));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/instruments", UriKind.Relative));
        request.Headers.Authorization = new("Bearer", token);

        var served = await _host.Http.SendAsync(request, Ct);
        var refused = await _host.Http.GetAsync("/api/v1/instruments", null, Ct);

        served.StatusCode.Should().Be(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Session_TokenExpires_ToldThenClosedWith1008()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _host = await ApiHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock), security: SecuredApi.JwtSettings());
        var now = clock.GetUtcNow().UtcDateTime;
        var token = SecuredApi.Token("svc-1", now.AddMinutes(-1), now.AddMinutes(5));
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct, configure: o => o.SetRequestHeader("Authorization", "Bearer " + token));
        await client.SendAsync(Subscribe, Ct);
        await client.ExpectAsync("ack", Ct);

        // Past exp: the session's expiry timer, armed at the upgrade (before the ack), fires inside this advance.
        clock.Advance(TimeSpan.FromMinutes(6));
        var error = await client.ReceiveAsync(Ct);
        error.GetProperty("type").GetString().Should().Be("error");
        error.GetProperty("code").GetInt32().Should().Be(401);
        error.GetProperty("message").GetString().Should().Contain("token expired");
        (await client.ReceiveAnyAsync(Ct)).Should().BeNull("the server closes after the notice");
        client.CloseStatus.Should().Be(WebSocketCloseStatus.PolicyViolation);
    }
}
