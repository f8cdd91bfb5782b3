using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansFeed.Api.OpenApi;

/// <summary>Gives each operation its summary, description and, where there is one, a 200 example from <see cref="OperationDocs"/>.</summary>
internal sealed class OperationDocsTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not { } id || !OperationDocs.ById.TryGetValue(id, out var doc))
        {
            return Task.CompletedTask;
        }

        operation.Summary = doc.Summary;
        operation.Description = doc.Description;
        if (doc.Example is { } example && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            foreach (var media in response.Content?.Values ?? [])
            {
                media.Example = JsonNode.Parse(example);
            }
        }

        return Task.CompletedTask;
    }
}
