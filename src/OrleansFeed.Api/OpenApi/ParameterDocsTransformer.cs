using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansFeed.Api.OpenApi;

/// <summary>Gives every parameter its description and example from <see cref="ParameterDocs"/>.</summary>
internal sealed class ParameterDocsTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name is { } name && ParameterDocs.ByName.TryGetValue(name, out var doc))
            {
                parameter.Description = doc.Description;
                parameter.Example = JsonValue.Create(doc.Example);
            }
        }

        return Task.CompletedTask;
    }
}
