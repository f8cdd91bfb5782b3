using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace OrleansFeed.Api.Problems;

/// <summary>
/// Declares on every REST endpoint the problem responses it can give, so the OpenAPI document lists them:
/// 400 when it takes a query parameter (handlers validate them), 404 when it has a route parameter (unknown venue,
/// symbol or instrument), and 503 for all (<see cref="Rest.GrainFailureFilter"/>).
/// </summary>
internal static class ProblemResponsesConvention
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    public static TBuilder WithProblemResponses<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route || endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is not { } handler)
            {
                return;
            }

            var routeNames = route.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            // Query parameters are the handler's string parameters that are not route values (services are never strings).
            var hasQuery = handler.GetParameters().Any(p => p.ParameterType == typeof(string) && !routeNames.Contains(p.Name ?? string.Empty));
            if (hasQuery)
            {
                Add(endpoint, StatusCodes.Status400BadRequest);
            }

            if (routeNames.Count > 0)
            {
                Add(endpoint, StatusCodes.Status404NotFound);
            }

            Add(endpoint, StatusCodes.Status503ServiceUnavailable);
        });
        return builder;
    }

    private static void Add(EndpointBuilder endpoint, int status) =>
        endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ProblemJson));
}
