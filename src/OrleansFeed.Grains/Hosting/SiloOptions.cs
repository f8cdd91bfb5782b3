namespace OrleansFeed.Grains.Hosting;

/// <summary>
/// Settings of the Orleans silo the service runs on, bound from the <c>Silo</c> configuration section. One silo with
/// localhost clustering and memory grain storage unless configured otherwise. Changes after start are not observed.
/// </summary>
/// <seealso href="https://learn.microsoft.com/dotnet/orleans/host/configuration-guide/activation-collection"/>
public sealed class SiloOptions
{
    /// <summary>The configuration section these options bind from: <c>Silo</c>.</summary>
    public const string SectionName = "Silo";

    /// <summary>
    /// Orleans' <c>GrainCollectionOptions.CollectionAge</c>: how long an activation may go without a call before Orleans
    /// collects it. Default 15 minutes; must be greater than <see cref="CollectionQuantum"/>. Connectors, books and
    /// aggregators are <c>[KeepAlive]</c> and never collected for idleness, so this only governs other grains.
    /// </summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Orleans' <c>GrainCollectionOptions.CollectionQuantum</c>: interval between collection passes. Default 1 minute; must be greater than zero.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Silo-to-silo port on 127.0.0.1 (localhost clustering). Default 11111; 0 picks a free port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Gateway port for Orleans clients on 127.0.0.1. Default 30000; 0 picks a free port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The IP address the silo advertises to the other silos of a Redis cluster (<c>Cluster:Redis</c>). Default unset:
    /// 127.0.0.1, so several silos on one machine form a cluster; set the machine's address when silos run on several
    /// machines (the silo then listens on every interface). Ignored without <c>Cluster:Redis</c>.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Orleans cluster id. Default <c>orleansfeed</c>.</summary>
    public string ClusterId { get; set; } = "orleansfeed";

    /// <summary>How often the connector supervisor checks that every configured connector and book is running. Default 5 seconds; must be greater than zero.</summary>
    public TimeSpan SupervisorInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest wait of the supervisor for one connector's answer. Default 5 seconds; must be greater than zero. A call to a
    /// silo that left without answering would otherwise hold the pass for Orleans' 30 s response timeout, and with it
    /// the hand-over of that silo's connectors; the next pass calls again and reaches the new activation.
    /// </summary>
    public TimeSpan SupervisorCallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks the ranges.</summary>
    /// <returns>One message per invalid setting; empty when valid.</returns>
    public IEnumerable<string> Validate()
    {
        if (CollectionQuantum <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:CollectionQuantum must be greater than zero.";
        }

        if (CollectionAge <= CollectionQuantum)
        {
            yield return $"{SectionName}:CollectionAge ({CollectionAge}) must be greater than {SectionName}:CollectionQuantum ({CollectionQuantum}).";
        }

        if (SiloPort is < 0 or > 65535 || GatewayPort is < 0 or > 65535)
        {
            yield return $"{SectionName}:SiloPort and {SectionName}:GatewayPort must be 0..65535.";
        }

        if (AdvertisedAddress is { Length: > 0 } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            yield return $"{SectionName}:AdvertisedAddress '{address}' is not an IP address.";
        }

        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            yield return $"{SectionName}:ClusterId must not be empty.";
        }

        if (SupervisorInterval <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:SupervisorInterval must be greater than zero.";
        }

        if (SupervisorCallTimeout <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:SupervisorCallTimeout must be greater than zero.";
        }
    }
}
