using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansFeed.Api.OpenApi;

/// <summary>
/// Document-level text (title, description, licence) and the two health probes, which are mapped with
/// <c>MapHealthChecks</c> and so are invisible to the endpoint-based generator.
/// </summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "OrleansFeed API",
            Version = "v1",
            Description = "Real-time crypto market data: exact L2 order books per venue, trades, tickers, connector and verification "
                + "counters, cross-venue NBBO, consolidated depth, 24h statistics and candles. Prices and sizes are JSON strings holding "
                + "exact decimals; times are UTC ISO-8601 with microseconds. Every error is an RFC 7807 problem (application/problem+json). "
                + "Live streams are on the WebSocket endpoint /ws (docs/websocket-protocol.md, docs/asyncapi.yaml); the dashboard is at /.",
        };
        document.Paths ??= new OpenApiPaths();
        document.Paths["/health/live"] = HealthPath("Liveness: 200 whenever the process serves HTTP; runs no check.", "GetHealthLive");
        document.Paths["/health/ready"] = HealthPath(
            "Readiness: 200 when every configured book is synced, 503 otherwise; the description of books-synced says per venue why "
            + "it is not ready (books not synced, connection failures, last error, next retry).",
            "GetHealthReady");
        return Task.CompletedTask;
    }

    private static OpenApiPathItem HealthPath(string description, string operationId)
    {
        var check = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["name"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Healthy, Degraded or Unhealthy." },
                ["description"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            },
        };
        var report = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Healthy, Degraded or Unhealthy." },
                ["checks"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = check },
            },
        };
        var example = JsonNode.Parse("""{"status":"Unhealthy","checks":[{"name":"books-synced","status":"Unhealthy","description":"2 of 4 books not synced: kraken (XBT/USD, ETH/USD): connecting, 3 failed attempts, last error at 2026-12-07T02:30:00Z: Connection refused (127.0.0.1:9)"}]}""");
        OpenApiResponse Response(string text) => new()
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = report, Example = example } },
        };

        var operation = new OpenApiOperation
        {
            OperationId = operationId,
            Summary = description,
            Tags = new HashSet<OpenApiTagReference> { new("Health") },
            Responses = new OpenApiResponses
            {
                ["200"] = Response("Healthy."),
                ["503"] = Response("Unhealthy: the checks say why."),
            },
        };
        return new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }
}
