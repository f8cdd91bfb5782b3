using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Security.Options;

namespace OrleansFeed.Api.Security.Authorization;

/// <summary>
/// The requirement of the fallback policy (every endpoint without its own authorization metadata, and unmatched
/// paths): an authenticated client, unless no authentication is configured or the path is one of
/// <see cref="SecurityOptions.OpenPaths"/>.
/// </summary>
public sealed class ApiAccessRequirement : IAuthorizationRequirement
{
}

/// <summary>Decides <see cref="ApiAccessRequirement"/>.</summary>
/// <param name="options">Security options.</param>
internal sealed class ApiAccessHandler(IOptions<SecurityOptions> options) : AuthorizationHandler<ApiAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiAccessRequirement requirement)
    {
        var security = options.Value;
        if (!security.AuthenticationConfigured
            || context.User.Identity?.IsAuthenticated == true
            || (context.Resource is HttpContext http && OpenPaths.Contains(security, http.Request.Path)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Matches request paths against <c>/health</c> (when <see cref="SecurityOptions.HealthOpen"/>) and <see cref="SecurityOptions.OpenPaths"/> (whole path segments, case-insensitive).</summary>
internal static class OpenPaths
{
    public static bool Contains(SecurityOptions options, PathString path)
    {
        if (options.HealthOpen && path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var open in options.OpenPaths)
        {
            if (path.StartsWithSegments(open, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
