using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Diagnostics;
using OrleansFeed.Api.Hosting;
using OrleansFeed.Api.Security.Limits;
using OrleansFeed.Api.WebSockets.Internal;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.WebSockets;

/// <summary>Maps the WebSocket endpoint with its own <c>UseWebSockets</c> pipeline, so the host adds no middleware.</summary>
internal static class WebSocketEndpoint
{
    public static IEndpointConventionBuilder MapOrleansFeedWebSocket(this IEndpointRouteBuilder endpoints)
    {
        var path = endpoints.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value.WebSocket.Path;
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(HandleAsync);
        return endpoints.Map(path, pipeline.Build()).WithName("WebSocket");
    }

    private static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await TypedResults.Problem(
                title: "WebSocket upgrade required",
                detail: "Connect with a WebSocket client; see docs/websocket-protocol.md.",
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        var services = context.RequestServices;
        var registry = services.GetRequiredService<WebSocketSessionRegistry>();
        SocketSendBuffer.Bound(context, services.GetRequiredService<IOptions<ApiOptions>>().Value.WebSocket.SocketSendBufferBytes);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var stats = registry.Register(context.Connection.RemoteIpAddress is { } ip ? $"{ip}:{context.Connection.RemotePort}" : null);
        var session = new WebSocketSession(
            socket,
            stats,
            services.GetRequiredService<IOptions<ApiOptions>>().Value,
            services.GetRequiredService<IInstrumentCatalog>(),
            services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<IStreamProvider>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ApiMetrics>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger<WebSocketSession>());
        session.CurrencyPolicy = services.GetRequiredService<IOptions<AggregationOptions>>().Value.QuoteCurrencyPolicy;
        using var access = services.GetService<WebSocketAccessFactory>()?.Create(context); // Null without AddOrleansFeedSecurity.
        session.Access = access;
        access?.Opened(stats.Id);
        try
        {
            await session.RunAsync(context.RequestAborted);
        }
        finally
        {
            registry.Unregister(stats);
        }
    }
}
