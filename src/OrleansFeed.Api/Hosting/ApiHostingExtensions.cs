using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Dashboard;
using OrleansFeed.Api.Diagnostics;
using OrleansFeed.Api.OpenApi;
using OrleansFeed.Api.Problems;
using OrleansFeed.Api.Rest;
using OrleansFeed.Api.WebSockets;

namespace OrleansFeed.Api.Hosting;

/// <summary>Registers and maps the OrleansFeed REST (<c>/api/v1</c>) and WebSocket (<c>/ws</c>) API.</summary>
public static class ApiHostingExtensions
{
    /// <summary>
    /// Registers the API's services: <see cref="ApiOptions"/> bound from section <c>Api</c> and validated at start,
    /// problem details (RFC 7807) for every error response, the OpenAPI document, <see cref="ApiMetrics"/> and the <see cref="WebSocketSessionRegistry"/>. Health
    /// checks are separate: <see cref="HealthEndpointExtensions.AddOrleansFeedBooksSynced"/>.
    /// </summary>
    /// <remarks>The host must also register <c>IGrainFactory</c>, <c>IStreamProvider</c>, <c>IInstrumentCatalog</c>
    /// and a <see cref="TimeProvider"/> (System is used when none is registered).</remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional changes applied after configuration binding.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddOrleansFeedApi(this IServiceCollection services, Action<ApiOptions>? configure = null)
    {
        var builder = services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>());
        services.AddOrleansFeedProblems();
        services.AddOrleansFeedOpenApi();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiMetrics>();
        services.TryAddSingleton<WebSocketSessionRegistry>();
        return services;
    }

    /// <summary>
    /// Maps <c>/api/v1/instruments</c>, <c>/api/v1/books/{venue}/{symbol}</c>, <c>/api/v1/trades/{venue}/{symbol}</c>,
    /// <c>/api/v1/ticker/{venue}/{symbol}</c>, the aggregation endpoints <c>/api/v1/nbbo|depth|stats|candles/{instrument}</c> (unknown paths under <c>/api/v1</c> give a 404 problem) and the
    /// WebSocket endpoint at <see cref="ApiWebSocketOptions.Path"/>, the OpenAPI document (<c>/openapi/v1.json</c>) and
    /// reference (<c>/docs</c>), the dashboard at <c>/</c> and a 404 problem for any other path. No middleware is needed:
    /// the WebSocket endpoint carries its own <c>UseWebSockets</c> pipeline, problem details come from a startup filter.
    /// </summary>
    /// <param name="endpoints">The app (or any route builder).</param>
    /// <returns>The <c>/api/v1</c> group, for adding conventions (auth, rate limits).</returns>
    public static RouteGroupBuilder MapOrleansFeedApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1");
        api.AddEndpointFilter<GrainFailureFilter>();
        api.MapInstruments();
        api.MapBooks();
        api.MapTrades();
        api.MapTicker();
        api.MapVenues();
        api.MapCluster();
        api.MapAggregation();
        api.MapFallback("{*path}", (string? path) => ApiProblems.NotFound("/api/v1/" + path)).ExcludeFromDescription();
        api.WithProblemResponses();
        endpoints.MapOrleansFeedWebSocket().ExcludeFromDescription();
        endpoints.MapOrleansFeedOpenApi();
        endpoints.MapOrleansFeedDashboard();
        endpoints.MapNotFoundFallback();
        return api;
    }
}
