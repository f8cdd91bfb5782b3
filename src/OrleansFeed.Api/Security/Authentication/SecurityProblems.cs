using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using OrleansFeed.Api.Security.Audit;

namespace OrleansFeed.Api.Security.Authentication;

/// <summary>Problem details (RFC 7807) answers of the security layer: 401 and 429.</summary>
internal static class SecurityProblems
{
    /// <summary>401 with <c>WWW-Authenticate</c> naming the accepted schemes; audited as a refused request.</summary>
    public static Task WriteUnauthorizedAsync(HttpContext context, string detail)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.RequestServices.GetService<AuditLog>()?.RequestRefused(
            ClientIdentity.Of(context).Client, context.Request.Path, StatusCodes.Status401Unauthorized, detail);
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "ApiKey, Bearer";
        return TypedResults.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    }

    /// <summary>429 with <c>Retry-After</c> (whole seconds, rounded up) when known.</summary>
    public static Task WriteTooManyRequestsAsync(HttpContext context, string detail, TimeSpan? retryAfter)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        if (retryAfter is { } wait)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(title: "Too many requests", detail: detail, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
    }
}
