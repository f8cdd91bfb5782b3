using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using OrleansFeed.Grains.Serialization;
using StackExchange.Redis;

namespace OrleansFeed.Client.Cluster;

/// <summary>Makes a .NET host an Orleans client of the OrleansFeed silos (docs/client.md).</summary>
public static class OrleansClusterClientExtensions
{
    /// <summary>
    /// Adds an Orleans <c>IClusterClient</c> (and <c>IGrainFactory</c>) connected to the silos: gateways from the Redis
    /// membership table when <c>Cluster:Redis</c> is set, otherwise the static <c>Client:Gateways</c> list (default the
    /// local silo's gateway <c>127.0.0.1:30000</c>); cluster id <c>Silo:ClusterId</c>; the feed's serializers. The client
    /// connects when the host starts and reconnects by itself.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="InvalidOperationException">The configuration is invalid (one line per problem).</exception>
    public static IHostApplicationBuilder AddOrleansFeedClusterClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Read(builder.Configuration);
        builder.UseOrleansClient(client => Configure(client, options));
        return builder;
    }

    /// <summary>Reads <see cref="OrleansClusterClientOptions"/> from <c>Cluster:Redis</c>, <c>Silo:ClusterId</c> and <c>Client:Gateways</c>.</summary>
    /// <param name="configuration">Configuration.</param>
    /// <returns>The options.</returns>
    /// <exception cref="InvalidOperationException">The configuration is invalid (one line per problem).</exception>
    public static OrleansClusterClientOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new OrleansClusterClientOptions
        {
            Redis = string.IsNullOrWhiteSpace(configuration["Cluster:Redis"]) ? null : configuration["Cluster:Redis"],
            ClusterId = configuration["Silo:ClusterId"] ?? "orleansfeed",
        };
        foreach (var gateway in configuration.GetSection("Client:Gateways").GetChildren().Select(c => c.Value).OfType<string>())
        {
            options.Gateways.Add(gateway);
        }

        var problems = options.Validate().ToList();
        return problems.Count == 0 ? options : throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>Configures an Orleans client builder with <paramref name="options"/>.</summary>
    /// <param name="client">The client builder.</param>
    /// <param name="options">Validated options.</param>
    /// <returns><paramref name="client"/>.</returns>
    public static IClientBuilder Configure(IClientBuilder client, OrleansClusterClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        client.Configure<ClusterOptions>(c =>
        {
            c.ClusterId = options.ClusterId;
            c.ServiceId = options.ServiceId;
        });
        if (options.Redis is { } redis)
        {
            client.UseRedisClustering(r => r.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        }
        else
        {
            client.UseStaticClustering(options.EffectiveGateways().Select(g => GatewayEndpoint.TryParse(g, out var e) ? e : throw new InvalidOperationException($"Client:Gateways: '{g}' is not host:port.")).ToArray());
        }

        client.Services.AddSerializer(s => s.AddOrleansFeedSerialization());
        return client;
    }
}
