using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OrleansFeed.Api.Diagnostics;
using OrleansFeed.Bridge.Nats.Status;

namespace OrleansFeed.Silo.Metrics;

/// <summary>
/// Metrics: OpenTelemetry with every <c>OrleansFeed.*</c> meter, ASP.NET Core, HTTP client and .NET runtime
/// instrumentation and the Orleans meters (<c>Microsoft.Orleans</c>, none until Orleans runs the grains), exported
/// for Prometheus at <see cref="Path"/>. Instrument names, units and labels: docs/errors.md "Metrics".
/// </summary>
/// <remarks>
/// The endpoint is an ordinary endpoint without authorization metadata, so the security fallback policy covers it:
/// with API keys configured a scrape needs a key, like <c>/api/v1</c> (docs/security.md).
/// </remarks>
public static class MetricsHostingExtensions
{
    /// <summary>The scrape path, <c>/metrics</c>.</summary>
    public const string Path = "/metrics";

    /// <summary>Registers the meter provider, the Prometheus exporter and the venue and bridge instruments.</summary>
    /// <param name="services">The silo's services.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddFeedMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton<VenueMetrics>();
        services.TryAddSingleton<NatsBridgeMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("OrleansFeed.*", "Microsoft.Orleans")
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            // No response cache: a scrape right after /api/v1/venues must show the same counters.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Maps <see cref="Path"/>; each scrape first brings the venue counters up to date.</summary>
    /// <param name="app">The silo's application.</param>
    /// <returns>The application, for chaining.</returns>
    public static WebApplication MapFeedMetrics(this WebApplication app)
    {
        // Resolved per scrape, not here: resolving them at build would validate the feed options before the host starts.
        // Observable instruments exist once their owner does; the first scrape creates them (the bridge's are idle without NATS).
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: pipeline => pipeline.Use(async (context, next) =>
        {
            _ = context.RequestServices.GetRequiredService<NatsBridgeMetrics>();
            await context.RequestServices.GetRequiredService<VenueMetrics>().RefreshAsync(context.RequestAborted).ConfigureAwait(false);
            await next(context).ConfigureAwait(false);
        }), optionsName: null);
        return app;
    }
}
