namespace OrleansFeed.Client.Cluster;

/// <summary>
/// How an internal .NET service joins the silo cluster as an Orleans client (<see cref="OrleansClusterClientExtensions.AddOrleansFeedClusterClient"/>).
/// Read from the configuration names the silos use: <c>Cluster:Redis</c>, <c>Silo:ClusterId</c>, and the client's own
/// <c>Client:Gateways</c>.
/// </summary>
public sealed class OrleansClusterClientOptions
{
    /// <summary>
    /// Redis connection string of the cluster's membership table (<c>Cluster:Redis</c>, as the silos): the client finds
    /// every silo's gateway there and follows silos joining and leaving. When null, <see cref="Gateways"/> is used.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// Static gateways <c>host:port</c> (<c>Client:Gateways</c>) when there is no Redis, e.g. the embedded silo of
    /// <c>run</c>: <c>127.0.0.1:30000</c> (the default, <c>Silo:GatewayPort</c>'s default).
    /// </summary>
    public IList<string> Gateways { get; } = [];

    /// <summary>The silos' <c>Silo:ClusterId</c>. Default <c>orleansfeed</c>.</summary>
    public string ClusterId { get; set; } = "orleansfeed";

    /// <summary>The silos' Orleans service id; fixed to <c>orleansfeed</c> by the silo.</summary>
    public string ServiceId { get; set; } = "orleansfeed";

    /// <summary>The gateways to use: <see cref="Gateways"/>, or <c>127.0.0.1:30000</c> when empty.</summary>
    /// <returns>The list.</returns>
    public IReadOnlyList<string> EffectiveGateways() => Gateways.Count > 0 ? [.. Gateways] : ["127.0.0.1:30000"];

    /// <summary>One line per invalid value.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            yield return "Silo:ClusterId must not be empty.";
        }

        if (Redis is null)
        {
            foreach (var gateway in EffectiveGateways())
            {
                if (!GatewayEndpoint.TryParse(gateway, out _))
                {
                    yield return $"Client:Gateways: '{gateway}' is not host:port.";
                }
            }
        }
    }
}
