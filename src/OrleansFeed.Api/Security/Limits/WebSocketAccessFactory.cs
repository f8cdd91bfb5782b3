using Microsoft.Extensions.Options;
using OrleansFeed.Api.Security.Audit;
using OrleansFeed.Api.Security.Authentication;
using OrleansFeed.Api.Security.Options;

namespace OrleansFeed.Api.Security.Limits;

/// <summary>Builds the <see cref="WebSocketClientAccess"/> of an authenticated (or anonymous) upgrade request.</summary>
internal sealed class WebSocketAccessFactory(IOptions<SecurityOptions> security, TimeProvider time, AuditLog audit)
{
    /// <summary>The session's access; null for an anonymous client in the unlimited local mode (<see cref="SecurityOptions.LimitsAnonymous"/>).</summary>
    public WebSocketClientAccess? Create(HttpContext context)
    {
        var client = ClientIdentity.Of(context);
        if (client.IsAnonymous && !security.Value.LimitsAnonymous)
        {
            return null;
        }

        DateTimeOffset? expiresAt = long.TryParse(context.User.FindFirst("exp")?.Value, out var exp) && client.Client.StartsWith("jwt:", StringComparison.Ordinal)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : null;
        return new WebSocketClientAccess(client.Client, client.Tier ?? "anonymous", client.LimitsIn(security.Value), expiresAt, time, audit);
    }
}
