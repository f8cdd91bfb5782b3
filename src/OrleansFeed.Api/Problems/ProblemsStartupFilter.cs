using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Hosting;

namespace OrleansFeed.Api.Problems;

/// <summary>
/// Puts the problem-details middleware first in the pipeline, so the host adds none: unhandled exceptions become a 500
/// problem (no stack trace), an empty error response (405, a bare 404, …) gets a problem body, and a request target
/// longer than <see cref="ApiOptions.MaxRequestTargetLength"/> is a 414 problem that never reaches routing.
/// </summary>
internal sealed class ProblemsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var limit = app.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestTargetLength;
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use((context, nextMiddleware) =>
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
            return target.Length > limit ? ApiProblems.UriTooLong(target.Length, limit).ExecuteAsync(context) : nextMiddleware(context);
        });
        next(app);
    };
}
