using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Health;
using OrleansFeed.Api.Hosting;
using OrleansFeed.Api.Security.Hosting;
using OrleansFeed.Exchanges;
using OrleansFeed.Bridge.Nats.Hosting;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.Instruments;
using OrleansFeed.Grains.OrderBooks;
using Orleans;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Grains.Hosting;
using OrleansFeed.Silo.Hosting.Cluster;
using OrleansFeed.Silo.Metrics;
using OrleansFeed.Silo.Redis;

namespace OrleansFeed.Silo.Hosting;

/// <summary>Builds one silo: Microsoft Orleans (one silo, localhost clustering, memory storage), venue adapters, grains, connectors' startup, API and health endpoints.</summary>
public static class SiloHost
{
    /// <summary>The default API port (override with <c>Api:Port</c> or <c>--port</c>).</summary>
    public const int DefaultPort = 5080;

    /// <summary>Builds the silo application.</summary>
    /// <param name="configuration">Configuration (appsettings file plus overrides).</param>
    /// <param name="port">API port on the address <c>Security:Bind</c> (loopback by default, see docs/security.md); 0 picks a free port, and free silo ports unless <c>Silo:SiloPort</c>/<c>Silo:GatewayPort</c> are configured.</param>
    /// <param name="configureServices">Extra registrations (tests: e.g. the fake clock), made last, so they replace the silo's defaults.</param>
    /// <returns>The application, not started.</returns>
    /// <exception cref="OptionsValidationException">At start, when configuration is invalid.</exception>
    public static WebApplication Build(IConfiguration configuration, int port, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddConfiguration(configuration);
        var services = builder.Services;
        // Orleans first: its silo starts before the feed's hosted services call grains.
        if (port == 0)
        {
            // A free API port asks for an isolated silo (tests, several silos on one machine): free silo ports too,
            // unless the configuration names them.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{SiloOptions.SectionName}:{nameof(SiloOptions.SiloPort)}"] = configuration[$"{SiloOptions.SectionName}:{nameof(SiloOptions.SiloPort)}"] ?? "0",
                [$"{SiloOptions.SectionName}:{nameof(SiloOptions.GatewayPort)}"] = configuration[$"{SiloOptions.SectionName}:{nameof(SiloOptions.GatewayPort)}"] ?? "0",
            });
        }

        builder.UseOrleans(silo => silo.AddFeedSilo(builder.Configuration));
        // Connectors and book grains use adapters configured per venue (OKX BookChannel, Bybit/KuCoin DepthLimit); the
        // validator reads the unconfigured registry so resolving the options never needs the configured one.
        services.AddSingleton(sp => AllVenues.Registry().Configure(sp.GetRequiredService<IOptions<FeedOptions>>().Value.Venues));
        services.AddSingleton<IInstrumentCatalog, InstrumentCatalog>();
        services.AddSingleton<BookDirectory>();
        services.AddSingleton<CaptureRecorder>();
        services.AddOptions<FeedOptions>().Bind(builder.Configuration.GetSection(FeedOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedOptions>>(new FeedOptionsValidator(AllVenues.Registry()));
        services.AddHttpClient();
        services.AddOrleansFeedApi();
        services.AddOrleansFeedSecurity(port); // Kestrel endpoint (loopback unless authenticated), keys, JWT, limits, audit.
        services.AddHostedService<FeedStartupService>();
        services.AddSingleton<InstrumentReferenceLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<InstrumentReferenceLoader>());
        services.AddAggregation(builder.Configuration); // after the feed startup: aggregators need the catalog filled
        services.AddSingleton<IConfiguredBooks, FeedConfiguredBooks>();
        services.AddHealthChecks().AddOrleansFeedBooksSynced();
        services.AddRedisIntegration(builder.Configuration);
        services.AddNatsBridge(builder.Configuration);
        services.AddSingleton<ConnectorSupervisor>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectorSupervisor>());
        services.AddFeedCluster(builder.Configuration); // cluster view, per-silo readiness with Cluster:Redis (docs/cluster.md)
        services.AddFeedMetrics(); // OpenTelemetry meters, Prometheus scrape endpoint (docs/errors.md "Metrics").
        configureServices?.Invoke(services);

        var app = builder.Build();
        app.UseOrleansFeedSecurity();
        app.MapOrleansFeedApi();
        app.MapOrleansFeedHealth();
        app.MapFeedMetrics();
        return app;
    }
}
