using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Runtime.Activation;
using OrleansFeed.Runtime.Catalog;
using OrleansFeed.Runtime.Storage;
using OrleansFeed.Runtime.Streams;

namespace OrleansFeed.Runtime.Hosting;

/// <summary>Registers the in-process grain runtime and grain classes, as Orleans' <c>UseOrleans</c>/<c>AddGrain</c> setup.</summary>
public static class GrainRuntimeHostingExtensions
{
    /// <summary>
    /// Adds the grain runtime: <see cref="IGrainFactory"/>, <see cref="IGrainCatalog"/>, the in-memory
    /// <see cref="IStreamProvider"/> and <see cref="IGrainStorage"/> (both replaceable: registered with TryAdd),
    /// <see cref="TimeProvider.System"/> (TryAdd; tests register a fake first), options with their validator, and
    /// <see cref="GrainRuntimeHostedService"/>. Safe to call more than once; every <paramref name="configure"/> runs.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes <see cref="GrainRuntimeOptions"/> after configuration binding; optional.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.AddOptions<GrainRuntimeOptions>().ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainRuntimeOptions>, GrainRuntimeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainTypeMap>();
        services.TryAddSingleton<GrainCatalog>();
        services.TryAddSingleton<IGrainCatalog>(sp => sp.GetRequiredService<GrainCatalog>());
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainCatalog>().Factory);
        services.TryAddSingleton<InMemoryStreamProvider>();
        services.TryAddSingleton<IStreamProvider>(sp => sp.GetRequiredService<InMemoryStreamProvider>());
        services.TryAddSingleton<IGrainStorage, InMemoryGrainStorage>();
        services.AddHostedService(sp => new GrainRuntimeHostedService(
            sp.GetRequiredService<GrainCatalog>(),
            sp.GetRequiredService<IOptions<GrainRuntimeOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GrainRuntimeHostedService>>()));
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TImplementation"/> as the grain class for <typeparamref name="TInterface"/>.
    /// Activations are created with constructor injection from the root services.
    /// </summary>
    /// <typeparam name="TInterface">The grain interface; every method must return Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</typeparam>
    /// <typeparam name="TImplementation">The grain class.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException">A method of <typeparamref name="TInterface"/> has an unsupported return type.</exception>
    /// <remarks>Registering two classes for one interface fails when the first grain reference is requested.</remarks>
    public static IServiceCollection AddGrain<TInterface, TImplementation>(this IServiceCollection services)
        where TInterface : class, IGrainWithStringKey
        where TImplementation : Grain, TInterface
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var method in typeof(TInterface).GetMethods().Concat(typeof(TInterface).GetInterfaces().SelectMany(i => i.GetMethods())))
        {
            if (!GrainMethodInvoker.IsSupportedReturnType(method.ReturnType))
            {
                throw new ArgumentException(
                    $"Grain method {typeof(TInterface).Name}.{method.Name} returns {method.ReturnType.Name}; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>.",
                    nameof(TInterface));
            }
        }

        services.AddSingleton(new GrainTypeRegistration(typeof(TInterface), typeof(TImplementation)));
        return services;
    }
}
