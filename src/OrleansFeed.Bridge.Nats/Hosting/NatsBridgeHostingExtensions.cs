using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansFeed.Bridge.Nats.Status;

namespace OrleansFeed.Bridge.Nats.Hosting;

/// <summary>Registers the NATS bridge in a silo.</summary>
public static class NatsBridgeHostingExtensions
{
    /// <summary>
    /// Binds section <c>Nats</c> (validated at start), registers <see cref="NatsBridgeStatus"/> always (so health and
    /// the API can read it; <see cref="NatsBridgeStatus.Enabled"/> false when off) and the hosted
    /// <see cref="NatsBridgeService"/> and the readiness entry <see cref="NatsBridgeHealthCheck"/> (Degraded while
    /// disconnected, never Unhealthy) only when <c>Nats:Enabled</c> is true.
    /// </summary>
    /// <remarks>Needs the Orleans silo and its fan-out, <c>FeedOptions</c>, <c>IInstrumentCatalog</c> and <c>VenueRegistry</c>
    /// registered (as <c>SiloHost</c> does).</remarks>
    /// <param name="services">Services.</param>
    /// <param name="configuration">The silo configuration (root).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddNatsBridge(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(NatsBridgeOptions.SectionName);
        services.AddOptions<NatsBridgeOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NatsBridgeOptions>, NatsBridgeOptionsValidator>());
        services.TryAddSingleton<NatsBridgeStatus>();
        services.TryAddSingleton(TimeProvider.System);
        if (section.GetValue<bool>(nameof(NatsBridgeOptions.Enabled)))
        {
            services.AddHostedService<NatsBridgeService>();
            services.AddHealthChecks().AddCheck<NatsBridgeHealthCheck>(NatsBridgeHealthCheck.Name, tags: ["ready"]);
        }

        return services;
    }
}
