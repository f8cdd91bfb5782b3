using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansFeed.Api.Problems;

/// <summary>
/// Problem details (RFC 7807, <c>application/problem+json</c>) for every error the silo's HTTP server answers, not only
/// those of <c>/api/v1</c>: unknown paths anywhere, 405, 414, unhandled exceptions.
/// </summary>
internal static class ProblemsHostingExtensions
{
    /// <summary>
    /// Kestrel's own request-line limit, raised above <see cref="Hosting.ApiOptions.MaxRequestTargetLength"/> (at most
    /// 32 KiB) so an over-long target reaches <see cref="ProblemsStartupFilter"/>, which answers a 414 problem.
    /// Beyond 64 KiB Kestrel itself answers a bare 414.
    /// </summary>
    public const int KestrelRequestLineSize = 64 * 1024;

    public static IServiceCollection AddOrleansFeedProblems(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // JSON responses (problem details included) keep apostrophes and non-ASCII text as they are; the API serves
        // JSON only (never HTML), so HTML-sensitive characters need no escaping.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestLineSize = Math.Max(o.Limits.MaxRequestLineSize, KestrelRequestLineSize));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, ProblemsStartupFilter>());
        return services;
    }

    /// <summary>Maps the last-resort route: any path no other endpoint takes is a 404 problem naming the (truncated) path.</summary>
    public static IEndpointConventionBuilder MapNotFoundFallback(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapFallback("{*path}", (HttpContext context) => ApiProblems.NotFound(context.Request.Path.Value ?? "/")).ExcludeFromDescription();
}
