using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrleansFeed.Api.OpenApi;
using OrleansFeed.Silo.Metrics;

namespace OrleansFeed.Silo.Cli;

/// <summary>What <c>run</c> prints once the server listens: where to look (dashboard, API and its reference, WebSocket, health, metrics).</summary>
internal static class ServedUrls
{
    public static IReadOnlyList<string> Lines(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return [];
        }

        // A wildcard bind is reachable on localhost; say so rather than print an address a browser cannot open.
        var http = address.Replace("://0.0.0.0:", "://localhost:", StringComparison.Ordinal)
            .Replace("://[::]:", "://localhost:", StringComparison.Ordinal)
            .Replace("://+:", "://localhost:", StringComparison.Ordinal)
            .TrimEnd('/');
        var ws = http.Replace("https://", "wss://", StringComparison.Ordinal).Replace("http://", "ws://", StringComparison.Ordinal);
        return
        [
            $"OrleansFeed serving on {address}:",
            $"  dashboard      {http}/",
            $"  REST API       {http}/api/v1   (e.g. {http}/api/v1/venues)",
            $"  API reference  {http}{OpenApiHostingExtensions.ReferencePath}   (OpenAPI {http}{OpenApiHostingExtensions.DocumentPath})",
            $"  WebSocket      {ws}/ws   (docs/websocket-protocol.md)",
            $"  health         {http}/health/ready   ({http}/health/live)",
            $"  metrics        {http}{MetricsHostingExtensions.Path}   (Prometheus; docs/errors.md \"Metrics\")",
        ];
    }

    public static void Print(WebApplication app)
    {
        foreach (var line in Lines(app))
        {
            Console.WriteLine(line);
        }
    }
}
