using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Security.ApiKeys;
using OrleansFeed.Api.Security.Audit;

namespace OrleansFeed.Api.Security.Authentication;

/// <summary>
/// The API key scheme: a key in the configured header (<c>X-API-Key</c>) found in <see cref="ApiKeyStore"/>
/// authenticates the request as <c>key:{name}</c> with the key's tier. No header: no result (anonymous). Unknown key:
/// failure (audited). A challenge answers 401 with a problem details body.
/// </summary>
public sealed class ApiKeyAuthenticationHandler : AuthenticationHandler<ApiKeyAuthenticationOptions>
{
    private readonly ApiKeyStore _keys;
    private readonly AuditLog _audit;

    /// <summary>Creates the handler (per request, by the authentication service).</summary>
    /// <param name="options">Scheme options.</param>
    /// <param name="logger">Logger factory.</param>
    /// <param name="encoder">URL encoder.</param>
    /// <param name="keys">The keys in force.</param>
    /// <param name="audit">Audit events.</param>
    public ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, AuditLog audit)
        : base(options, logger, encoder)
    {
        _keys = keys;
        _audit = audit;
    }

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Options.Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count > 1 || !_keys.TryFind(values[0]!, out var entry))
        {
            _audit.AuthenticationFailed(Scheme.Name, "unknown API key", Context.Connection.RemoteIpAddress?.ToString(), Request.Path);
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }

        var client = "key:" + entry.Name;
        _audit.CredentialUsed(client);
        var identity = new ClaimsIdentity(
            [new Claim(SecuritySchemes.ClientClaim, client), new Claim(ClaimTypes.Name, entry.Name), new Claim(SecuritySchemes.TierClaim, entry.Tier)],
            Scheme.Name,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        SecurityProblems.WriteUnauthorizedAsync(Context, Request.Headers.ContainsKey(Options.Header)
            ? "The API key is not valid."
            : $"Send an API key in the {Options.Header} header (or a bearer token where JWT is configured).");
}
