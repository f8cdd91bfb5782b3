using Microsoft.AspNetCore.Authentication;

namespace OrleansFeed.Api.Security.Authentication;

/// <summary>Options of <see cref="ApiKeyAuthenticationHandler"/>.</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Header carrying the key (from <c>Security:ApiKeyHeader</c>). Default <c>X-API-Key</c>.</summary>
    public string Header { get; set; } = "X-API-Key";
}
