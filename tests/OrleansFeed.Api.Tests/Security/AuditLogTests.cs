using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansFeed.Api.Security.Audit;

namespace OrleansFeed.Api.Tests.Security;

/// <summary>
/// Verifies the audit log: failures, refusals, WebSocket sessions and subscription changes are structured events of
/// category OrleansFeed.Audit with their ids and fields, and no log entry of any category (debug included) holds a key
/// or a token. Also JWT signed with an RSA key published in a JWKS file.
/// </summary>
public sealed class AuditLogTests : IAsyncDisposable
{
    private const string Key = "audit-key-0123456789-secret";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly CapturingLoggerProvider _logs = new();
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
    public async Task Requests_AuditedAsStructuredEvents_NoSecretInAnyLog()
    {
        var now = DateTime.UtcNow;
        var token = SecuredApi.Token("svc-audit", now.AddMinutes(-1), now.AddMinutes(10));
        var settings = SecuredApi.JwtSettings();
        settings["Security:ApiKeysFile"] = SecuredApi.WriteKeyFile("auditor:" + Key);
        _host = await ApiHost.StartAsync(services: Capture, security: settings);

        await _host.Http.GetAsync("/api/v1/instruments", "wrong-" + Key, Ct);
        await _host.Http.GetAsync("/api/v1/instruments", Key, Ct);
        await using (var client = await WsClient.ConnectAsync(new Uri(_host.WebSocketUri + "?access_token=" + token), Ct))
        {
            await client.SendAsync("""{"op":"subscribe","channel":"trades","venue":"binance","symbol":"BTCUSDT","id":1}""", Ct);
            await client.ExpectAsync("ack", Ct);
            await client.SendAsync("""{"op":"unsubscribe","channel":"trades","venue":"binance","symbol":"BTCUSDT","id":2}""", Ct);
            await client.ExpectAsync("ack", Ct);
        }

        var audit = _logs.Entries.Where(e => e.Category == AuditLog.Category).ToList();
        audit.Should().Contain(e => e.EventId.Id == 5820 && e.EventId.Name == "AuthenticationFailed" && Field(e, "Scheme") == "ApiKey" && Field(e, "Reason") == "unknown API key");
        audit.Should().Contain(e => e.EventId.Id == 5830 && Field(e, "Status") == "401" && Field(e, "Path") == "/api/v1/instruments");
        audit.Should().Contain(e => e.EventId.Id == 5840 && Field(e, "Client") == "jwt:svc-audit");
        audit.Should().Contain(e => e.EventId.Id == 5841 && Field(e, "Channel") == "trades" && Field(e, "Key") == "binance:BTCUSDT");
        audit.Should().Contain(e => e.EventId.Id == 5842 && Field(e, "Client") == "jwt:svc-audit");
        audit.Should().Contain(e => e.EventId.Id == 5800 && Field(e, "ApiKeys") == "True" && Field(e, "Jwt") == "True");
        _host.Services.GetRequiredService<AuditLog>().UsesOf("key:auditor").Should().Be(1);
        _host.Services.GetRequiredService<AuditLog>().UsesOf("jwt:svc-audit").Should().Be(1);
        _logs.Entries.Should().NotBeEmpty().And.NotContain(e => e.Message.Contains(Key) || e.Message.Contains(token) || e.Message.Contains(SecuredApi.SigningKey));
    }

    [Fact]
    public async Task Jwt_SignedWithRsaKeyFromJwksFile_Served_OtherKeyRefused()
    {
        using var rsa = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var signingKey = new RsaSecurityKey(rsa) { KeyId = "k1" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "k1" });
        var jwks = Path.Combine(Path.GetDirectoryName(SecuredApi.WriteKeyFile())!, "jwks.json");
        await File.WriteAllTextAsync(jwks, $$"""{"keys":[{"kty":"RSA","kid":"k1","use":"sig","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""", Ct);
        _host = await ApiHost.StartAsync(security: new Dictionary<string, string?>
        {
            ["Security:Jwt:Issuer"] = SecuredApi.Issuer,
            ["Security:Jwt:Audience"] = SecuredApi.Audience,
            ["Security:Jwt:JwksFile"] = jwks,
        });

        await using var served = await WsClient.ConnectAsync(_host.WebSocketUri, Ct, configure: o => o.SetRequestHeader("Authorization", "Bearer " + RsaToken(signingKey)));
        var refused = await SecuredApi.RefusedUpgradeAsync(_host.WebSocketUri, o => o.SetRequestHeader("Authorization", "Bearer " + RsaToken(new RsaSecurityKey(other) { KeyId = "k1" })), Ct);
        await served.SendAsync("""{"op":"ping","id":1}""", Ct);

        await served.ExpectAsync("pong", Ct);
        refused.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }

    private static string RsaToken(SecurityKey key)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SecuredApi.Issuer,
            Audience = SecuredApi.Audience,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = "rsa-client" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string? Field(CapturingLoggerProvider.Entry entry, string name) =>
        entry.Fields.FirstOrDefault(f => f.Key == name).Value;

    private void Capture(IServiceCollection services) =>
        services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
}
