using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>Registers the aggregation: options (section <c>Aggregation</c>), the <see cref="AggregatorGrain"/> and its startup.</summary>
public static class AggregationHostingExtensions
{
    /// <summary>
    /// Adds <see cref="AggregationOptions"/> bound from <c>Aggregation</c> and validated at start, the
    /// <see cref="IAggregatorGrain"/> implementation and <see cref="AggregatorStartupService"/>, which activates one
    /// aggregator per instrument of the catalog. Call it after the service that fills the catalog and activates the
    /// books (hosted services start in registration order); that service may also resolve <see cref="AggregatorStartupService"/>
    /// and call <see cref="AggregatorStartupService.ActivateAllAsync"/> itself before the connectors start (the silo's does).
    /// </summary>
    /// <param name="services">The service collection; must already have the Orleans silo and an instrument catalog.</param>
    /// <param name="configuration">The configuration holding the <c>Aggregation</c> section (may be absent: defaults).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddAggregation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AggregationOptions>().Bind(configuration.GetSection(AggregationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AggregationOptions>, AggregationOptionsValidator>());
        services.TryAddSingleton<AggregatorStartupService>();
        services.AddHostedService(sp => sp.GetRequiredService<AggregatorStartupService>());
        return services;
    }
}
