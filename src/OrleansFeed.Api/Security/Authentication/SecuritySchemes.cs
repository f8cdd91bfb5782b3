namespace OrleansFeed.Api.Security.Authentication;

/// <summary>Authentication scheme and claim names of the API.</summary>
public static class SecuritySchemes
{
    /// <summary>The default scheme: forwards to <see cref="ApiKey"/> or <see cref="Bearer"/> by what the request carries.</summary>
    public const string Client = "OrleansFeed";

    /// <summary>API keys in the <c>X-API-Key</c> header (<see cref="ApiKeyAuthenticationHandler"/>).</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>JWT bearer tokens (Microsoft.AspNetCore.Authentication.JwtBearer).</summary>
    public const string Bearer = "Bearer";

    /// <summary>Claim naming the client in audit events, counters and limit partitions: <c>key:{name}</c> or <c>jwt:{sub}</c>.</summary>
    public const string ClientClaim = "orleansfeed:client";

    /// <summary>Claim naming the client's tier (a key line's tier, or the token's <c>tier</c> claim).</summary>
    public const string TierClaim = "tier";
}
