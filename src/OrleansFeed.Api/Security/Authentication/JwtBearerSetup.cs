using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OrleansFeed.Api.Hosting;
using OrleansFeed.Api.Security.Audit;
using OrleansFeed.Api.Security.Options;

namespace OrleansFeed.Api.Security.Authentication;

/// <summary>
/// Configures the <see cref="SecuritySchemes.Bearer"/> scheme from <see cref="JwtSecurityOptions"/>: signing key or
/// JWKS file, issuer, audience, lifetime with the configured skew; the token from the <c>Authorization</c> header or,
/// on the WebSocket path, the <c>access_token</c> query parameter; failures audited; challenges as 401 problems.
/// </summary>
internal sealed class JwtBearerSetup(IOptions<SecurityOptions> security, IOptions<ApiOptions> api, AuditLog audit) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) => Configure(Microsoft.Extensions.Options.Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != SecuritySchemes.Bearer)
        {
            return;
        }

        var jwt = security.Value.Jwt;
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = false; // No metadata is fetched: keys are configured locally.
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = jwt.Issuer,
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = jwt.Enabled ? SigningKeys(jwt) : [],
            ClockSkew = jwt.ClockSkew,
            NameClaimType = "sub",
        };
        var wsPath = api.Value.WebSocket.Path;
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                // Browsers cannot set headers on a WebSocket upgrade; the token may come as ?access_token= there only.
                if (string.IsNullOrEmpty(context.Token) && context.Request.Path.Equals(wsPath, StringComparison.Ordinal)
                    && context.Request.Query.TryGetValue("access_token", out var token))
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                var sub = context.Principal?.FindFirst("sub")?.Value;
                if (context.Principal?.Identity is not ClaimsIdentity identity || string.IsNullOrEmpty(sub))
                {
                    context.Fail("token has no sub claim");
                    return Task.CompletedTask;
                }

                var client = "jwt:" + sub;
                identity.AddClaim(new Claim(SecuritySchemes.ClientClaim, client));
                if (identity.FindFirst(SecuritySchemes.TierClaim) is null)
                {
                    identity.AddClaim(new Claim(SecuritySchemes.TierClaim, ClientTierOptions.DefaultName));
                }

                audit.CredentialUsed(client);
                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                var reason = context.Exception is SecurityTokenExpiredException ? "token expired" : "invalid token (" + context.Exception.GetType().Name + ")";
                audit.AuthenticationFailed(SecuritySchemes.Bearer, reason, context.HttpContext.Connection.RemoteIpAddress?.ToString(), context.Request.Path);
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var detail = context.AuthenticateFailure is SecurityTokenExpiredException
                    ? "The bearer token has expired."
                    : context.AuthenticateFailure is not null ? "The bearer token is not valid." : "Send a bearer token or an API key.";
                await SecurityProblems.WriteUnauthorizedAsync(context.HttpContext, detail);
            },
        };
    }

    /// <summary>The HMAC key (text, at least 32 bytes) or the keys of the JWKS file.</summary>
    internal static IReadOnlyList<SecurityKey> SigningKeys(JwtSecurityOptions jwt)
    {
        if (!string.IsNullOrWhiteSpace(jwt.JwksFile))
        {
            return new JsonWebKeySet(File.ReadAllText(jwt.JwksFile)).GetSigningKeys().ToList();
        }

        var text = !string.IsNullOrWhiteSpace(jwt.SigningKeyFile) ? File.ReadAllText(jwt.SigningKeyFile).Trim() : jwt.SigningKey!;
        return [new SymmetricSecurityKey(Encoding.UTF8.GetBytes(text))];
    }
}
