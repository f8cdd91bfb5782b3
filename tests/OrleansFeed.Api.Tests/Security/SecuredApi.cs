using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansFeed.Api.Tests.Security;

/// <summary>Helpers of the security tests: key files, tokens, requests with a key, refused upgrades.</summary>
internal static class SecuredApi
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "orleansfeed-test";

    /// <summary>A test-only HMAC key (32+ bytes); never a deployment secret.</summary>
    public const string SigningKey = "test-signing-key-0123456789abcdef-0123456789";

    /// <summary>Writes a key file into a fresh temporary directory and returns its path.</summary>
    public static string WriteKeyFile(params string[] lines)
    {
        var dir = Directory.CreateTempSubdirectory("orleansfeed-keys-");
        var path = Path.Combine(dir.FullName, "api-keys.txt");
        File.WriteAllLines(path, lines);
        return path;
    }

    public static Dictionary<string, string?> JwtSettings() => new()
    {
        ["Security:Jwt:Issuer"] = Issuer,
        ["Security:Jwt:Audience"] = Audience,
        ["Security:Jwt:SigningKey"] = SigningKey,
    };

    /// <summary>A signed token for <paramref name="subject"/> valid from <paramref name="notBefore"/> to <paramref name="expires"/>.</summary>
    public static string Token(string subject, DateTime notBefore, DateTime expires, string key = SigningKey, string issuer = Issuer, string? tier = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (tier is not null)
        {
            claims["tier"] = tier;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    public static Task<HttpResponseMessage> GetAsync(this HttpClient http, string path, string? apiKey, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        return http.SendAsync(request, ct);
    }

    /// <summary>Tries a WebSocket upgrade that must be refused; returns the HTTP status the server answered.</summary>
    public static async Task<HttpStatusCode> RefusedUpgradeAsync(Uri uri, Action<ClientWebSocketOptions>? configure, CancellationToken ct)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        var connect = () => socket.ConnectAsync(uri, ct);
        await connect.Should().ThrowAsync<WebSocketException>();
        return socket.HttpStatusCode;
    }

    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
