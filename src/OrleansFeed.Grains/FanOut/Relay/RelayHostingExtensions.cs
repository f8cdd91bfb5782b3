using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;

namespace OrleansFeed.Grains.FanOut.Relay;

/// <summary>Registers the cross-silo relay of the silo-local fan-out.</summary>
public static class RelayHostingExtensions
{
    /// <summary>
    /// Registers the relay's two halves: <see cref="RelayPublisher"/> (forwards streams produced here to remote
    /// subscribers) and the hub that follows remote producers for local cluster-scope subscriptions (as the fan-out's
    /// <see cref="IStreamDemand"/>), with <see cref="RelayOptions"/> from the <c>Relay</c> section.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configuration">Configuration holding the optional <c>Relay</c> section.</param>
    /// <returns><paramref name="silo"/>.</returns>
    /// <exception cref="InvalidOperationException">The <c>Relay</c> section is invalid (one line per problem).</exception>
    public static ISiloBuilder AddFanOutRelay(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new RelayOptions();
        configuration.GetSection(RelayOptions.SectionName).Bind(options);
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        silo.Services.AddSingleton(options);
        silo.Services.TryAddSingleton<RelayPublisher>();
        silo.Services.TryAddSingleton<RelayHub>();
        silo.Services.TryAddSingleton<IStreamDemand>(sp => sp.GetRequiredService<RelayHub>());
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<RelayHub>());
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<RelayPublisher>());
        return silo;
    }
}
