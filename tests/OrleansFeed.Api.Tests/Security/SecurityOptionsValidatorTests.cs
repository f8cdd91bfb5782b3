using OrleansFeed.Api.Security.ApiKeys;
using OrleansFeed.Api.Security.Options;

namespace OrleansFeed.Api.Tests.Security;

/// <summary>
/// Verifies the start-time checks: a public bind without authentication is refused with one message naming the ways
/// out; loopback, authenticated and explicitly anonymous binds pass; key file lines are parsed (plain, hashed, tiers)
/// and bad lines are reported by number without the key.
/// </summary>
public sealed class SecurityOptionsValidatorTests
{
    private readonly SecurityOptionsValidator _validator = new();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("localhost")]
    public void Validate_LoopbackWithoutAuthentication_Succeeds(string bind) =>
        _validator.Validate(null, new SecurityOptions { Bind = bind }).Succeeded.Should().BeTrue();

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.0.2.10")]
    public void Validate_PublicBindWithoutAuthentication_FailsWithOneClearLine(string bind)
    {
        var result = _validator.Validate(null, new SecurityOptions { Bind = bind });

        result.Failed.Should().BeTrue();
        result.Failures.Should().ContainSingle().Which.Should()
            .StartWith($"Refusing to serve {bind} without authentication").And.Contain("--api-keys").And.Contain("--allow-anonymous").And.NotContain("\n");
    }

    [Fact]
    public void Validate_PublicBindAllowAnonymousOrJwt_Succeeds()
    {
        _validator.Validate(null, new SecurityOptions { Bind = "0.0.0.0", AllowAnonymous = true }).Succeeded.Should().BeTrue();
        var jwt = new JwtSecurityOptions { Issuer = "i", Audience = "a", SigningKey = SecuredApi.SigningKey };
        _validator.Validate(null, new SecurityOptions { Bind = "0.0.0.0", Jwt = jwt }).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_BadBindShortJwtKeyMissingAudience_ListsEach()
    {
        var options = new SecurityOptions { Bind = "example.com", Jwt = new JwtSecurityOptions { Issuer = "i", SigningKey = "short" } };

        var failures = _validator.Validate(null, options).Failures;

        failures.Should().Contain("Security:Bind must be an IP address or 'localhost' (was 'example.com').")
            .And.Contain("Security:Jwt:Audience is required when JWT is configured.")
            .And.Contain(f => f.Contains("at least 32 bytes"));
    }

    [Fact]
    public void ApiKeyFile_PlainHashedAndTiered_ParsedByHash()
    {
        var keys = ApiKeyFile.Parse(
            ["# comment", "", "alice:secret-a", "bob:secret-b:pro", "carol:sha256:" + SecuredApi.Sha256Hex("secret-c").ToUpperInvariant()],
            "keys.txt",
            ["pro"]);

        keys.Should().HaveCount(3);
        keys[ApiKeyFile.HashOf("secret-a")].Should().Be(new ApiKeyEntry("alice", ApiKeyFile.HashOf("secret-a"), "default"));
        keys[ApiKeyFile.HashOf("secret-b")].Tier.Should().Be("pro");
        keys[ApiKeyFile.HashOf("secret-c")].Name.Should().Be("carol");
    }

    [Theory]
    [InlineData("alice", "line 2: expected name:key")]
    [InlineData("alice:sha256:abc", "line 2: a sha256 key must be 64 hex digits")]
    [InlineData("alice:secret-x:gold", "line 2: tier 'gold' is not configured")]
    [InlineData("root:secret-z", "line 2: key name 'root' appears twice")]
    [InlineData("other:secret-r", "line 2: key 'other' is the same key as 'root'")]
    public void ApiKeyFile_BadLine_ReportsLineNumberNotKey(string line, string expected)
    {
        var parse = () => ApiKeyFile.Parse(["root:secret-r", line], "keys.txt", []);

        var message = parse.Should().Throw<InvalidDataException>().Which.Message;
        message.Should().Contain("keys.txt " + expected).And.NotContain("secret-x").And.NotContain("secret-z");
    }
}
