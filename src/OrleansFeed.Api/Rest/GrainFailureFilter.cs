using Microsoft.Extensions.Logging;
using OrleansFeed.Api.Diagnostics;
using OrleansFeed.Api.Problems;

namespace OrleansFeed.Api.Rest;

/// <summary>
/// Turns a failed grain call into a 503 problem (the book is temporarily unavailable) instead of a 500, and logs it.
/// Client input never reaches here: handlers validate it first.
/// </summary>
internal sealed class GrainFailureFilter(ILogger<GrainFailureFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            ApiLog.GrainCallFailed(logger, context.HttpContext.Request.Path, ex);
            return ApiProblems.Unavailable("The book could not be read; retry shortly.");
        }
    }
}
