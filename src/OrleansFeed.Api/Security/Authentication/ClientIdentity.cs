using System.Security.Claims;
using OrleansFeed.Api.Security.Options;

namespace OrleansFeed.Api.Security.Authentication;

/// <summary>Who a request is for limits and audit: <c>key:{name}</c>, <c>jwt:{sub}</c>, or <c>ip:{address}</c> when anonymous.</summary>
/// <param name="Client">The client name (partition key of its limits).</param>
/// <param name="Tier">The tier name; null for anonymous clients.</param>
public readonly record struct ClientIdentity(string Client, string? Tier)
{
    /// <summary>True for a client without credentials (limited per IP by <see cref="SecurityOptions.Anonymous"/>).</summary>
    public bool IsAnonymous => Tier is null;

    /// <summary>The identity of a request after authentication ran.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The identity; anonymous when the user is not authenticated.</returns>
    public static ClientIdentity Of(HttpContext context) => Of(context.User, context.Connection.RemoteIpAddress?.ToString());

    /// <summary>The identity of a principal, or of the remote address when it is not authenticated.</summary>
    /// <param name="user">The principal.</param>
    /// <param name="remote">Remote IP address.</param>
    /// <returns>The identity.</returns>
    public static ClientIdentity Of(ClaimsPrincipal user, string? remote)
    {
        var client = user.Identity?.IsAuthenticated == true ? user.FindFirst(SecuritySchemes.ClientClaim)?.Value : null;
        return client is null
            ? new ClientIdentity("ip:" + (remote ?? "unknown"), null)
            : new ClientIdentity(client, user.FindFirst(SecuritySchemes.TierClaim)?.Value ?? ClientTierOptions.DefaultName);
    }

    /// <summary>The limits of this client.</summary>
    /// <param name="options">Security options.</param>
    /// <returns><see cref="SecurityOptions.Anonymous"/> or the tier's limits.</returns>
    public ClientTierOptions LimitsIn(SecurityOptions options) => IsAnonymous ? options.Anonymous : options.TierOf(Tier);
}
