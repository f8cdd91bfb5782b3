namespace OrleansFeed.Api.Security.Options;

/// <summary>
/// JWT bearer validation (section <c>Security:Jwt</c>): signature (HMAC key or a JWKS file of public keys), issuer,
/// audience and lifetime. Tokens come in the <c>Authorization: Bearer</c> header or, on the WebSocket upgrade, the
/// <c>access_token</c> query parameter. Claims used: <c>sub</c> (client name), <c>tier</c> (optional), <c>exp</c>.
/// </summary>
public sealed class JwtSecurityOptions
{
    /// <summary>Expected <c>iss</c>; required when JWT is on.</summary>
    public string? Issuer { get; set; }

    /// <summary>Expected <c>aud</c>; required when JWT is on.</summary>
    public string? Audience { get; set; }

    /// <summary>HMAC-SHA256 signing key as text, at least 32 bytes of UTF-8. Prefer <see cref="SigningKeyFile"/>; never logged.</summary>
    public string? SigningKey { get; set; }

    /// <summary>File holding the HMAC signing key (its text, surrounding whitespace trimmed); at least 32 bytes.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>File holding a JSON Web Key Set (<c>{"keys":[...]}</c>) of the issuer's public keys (RSA/EC).</summary>
    public string? JwksFile { get; set; }

    /// <summary>Tolerance on <c>exp</c>/<c>nbf</c>; 0..5 min. Default 30 s.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when a signing key, key file or JWKS file is set.</summary>
    public bool Enabled =>
        !string.IsNullOrWhiteSpace(SigningKey) || !string.IsNullOrWhiteSpace(SigningKeyFile) || !string.IsNullOrWhiteSpace(JwksFile);
}
