namespace OrleansFeed.Api.Security.Options;

/// <summary>
/// Who may reach the API and how much (section <see cref="SectionName"/>, <c>Security</c>): bind address,
/// API keys, JWT, per-tier limits, Kestrel limits and HTTPS. Validated at start by <see cref="SecurityOptionsValidator"/>;
/// read once at start (the API key file is re-read when it changes). See docs/security.md.
/// </summary>
public sealed class SecurityOptions
{
    /// <summary>The configuration section: <c>Security</c>.</summary>
    public const string SectionName = "Security";

    /// <summary>
    /// Address the API listens on: an IP address (<c>127.0.0.1</c>, <c>::1</c>, <c>0.0.0.0</c>, <c>::</c>) or
    /// <c>localhost</c> (= 127.0.0.1). Default <c>127.0.0.1</c>. A non-loopback address needs authentication
    /// (<see cref="ApiKeysFile"/> or <see cref="Jwt"/>) or <see cref="AllowAnonymous"/>. CLI: <c>run --bind</c>.
    /// </summary>
    public string Bind { get; set; } = "127.0.0.1";

    /// <summary>
    /// Serve clients without credentials on a non-loopback <see cref="Bind"/> (logged as a warning at start).
    /// Default false. CLI: <c>run --allow-anonymous</c>.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// File of API keys, one per line: <c>name:key</c>, <c>name:key:tier</c>, <c>name:sha256:&lt;64 hex&gt;</c> or
    /// <c>name:sha256:&lt;64 hex&gt;:tier</c>; <c>#</c> starts a comment line. Null (default): no API keys.
    /// CLI: <c>run --api-keys</c>. Re-read when the file changes (audited).
    /// </summary>
    public string? ApiKeysFile { get; set; }

    /// <summary>Request header carrying the API key. Default <c>X-API-Key</c>.</summary>
    public string ApiKeyHeader { get; set; } = "X-API-Key";

    /// <summary>
    /// Serve the health probes (<c>/health/live</c>, <c>/health/ready</c>) without credentials and without rate limits,
    /// for load balancers and orchestrators. Default true; false protects them like everything else.
    /// </summary>
    public bool HealthOpen { get; set; } = true;

    /// <summary>
    /// Further path prefixes served without credentials and rate limits (whole segments, e.g. <c>/docs</c>). Default
    /// none: everything but the health probes (<c>/api/v1</c>, <c>/ws</c>, <c>/metrics</c>, <c>/docs</c>, ...) needs a
    /// key or token once authentication is configured.
    /// </summary>
    public string[] OpenPaths { get; set; } = [];

    /// <summary>JWT bearer tokens (WebSocket and REST); off unless a signing key or JWKS file is set.</summary>
    public JwtSecurityOptions Jwt { get; set; } = new();

    /// <summary>
    /// True when clients without credentials are limited per IP by <see cref="Anonymous"/>: once authentication is
    /// configured (their attempts are limited too) or anonymous serving is allowed. The default mode, loopback without
    /// authentication, reachable from this machine only, has no limits.
    /// </summary>
    public bool LimitsAnonymous => AuthenticationConfigured || AllowAnonymous;

    /// <summary>Limits of clients without credentials, per remote IP address (see <see cref="LimitsAnonymous"/>).</summary>
    public ClientTierOptions Anonymous { get; set; } = new() { RequestsPerSecond = 20, RequestBurst = 40, MaxConnections = 5, MaxSubscriptions = 50 };

    /// <summary>Limits of keys and tokens naming no tier (or the tier <c>default</c>), per key or token subject.</summary>
    public ClientTierOptions Default { get; set; } = new();

    /// <summary>Named tiers (section <c>Security:Tiers:{name}</c>) a key line or a token's <c>tier</c> claim may name.</summary>
    public Dictionary<string, ClientTierOptions> Tiers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Kestrel limits on requests and connections (section <c>Security:Limits</c>).</summary>
    public KestrelLimitOptions Limits { get; set; } = new();

    /// <summary>HTTPS for the API port (section <c>Security:Https</c>); off unless a certificate file is set.</summary>
    public HttpsOptions Https { get; set; } = new();

    /// <summary>True when API keys or JWT are configured.</summary>
    public bool AuthenticationConfigured => !string.IsNullOrWhiteSpace(ApiKeysFile) || Jwt.Enabled;

    /// <summary>The limits of <paramref name="tier"/>: <see cref="Default"/> for null or <c>default</c>, else <see cref="Tiers"/>.</summary>
    /// <param name="tier">A tier name from a key line or token.</param>
    /// <returns>The tier's limits; <see cref="Default"/> when the name is unknown (key files are checked at load).</returns>
    public ClientTierOptions TierOf(string? tier) =>
        tier is null or ClientTierOptions.DefaultName ? Default : Tiers.GetValueOrDefault(tier, Default);
}
