using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansFeed.Api.OpenApi;

/// <summary>
/// Describes the problem-details responses that <see cref="Problems.ProblemResponsesConvention"/> declared: what each
/// status means here, with an example body.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, (string Description, string Example)> ByStatus = new(StringComparer.Ordinal)
    {
        ["400"] = ("A query parameter is invalid; 'parameter' names it.", """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Invalid parameter 'depth'","status":400,"detail":"Parameter 'depth' must be an integer in 1..5000 (was 'abc').","parameter":"depth"}"""),
        ["404"] = ("No such venue, symbol or instrument (see GET /api/v1/instruments).", """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Unknown instrument","status":404,"detail":"No book for venue 'binance' and symbol 'NOPE'; see GET /api/v1/instruments.","venue":"binance","symbol":"NOPE"}"""),
        ["503"] = ("The grain behind the resource could not answer; retry shortly.", """{"type":"https://tools.ietf.org/html/rfc9110#section-15.6.4","title":"Book unavailable","status":503,"detail":"The book could not be read; retry shortly."}"""),
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is OpenApiResponse concrete && ByStatus.TryGetValue(status, out var doc))
            {
                concrete.Description = doc.Description;
                foreach (var media in concrete.Content?.Values ?? [])
                {
                    media.Example = JsonNode.Parse(doc.Example);
                }
            }
        }

        return Task.CompletedTask;
    }
}
