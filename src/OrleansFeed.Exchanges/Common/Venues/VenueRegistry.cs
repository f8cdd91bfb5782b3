namespace OrleansFeed.Exchanges.Common.Venues;

/// <summary>The venue adapters the silo knows, by venue id and by URL. Thread-safe after construction.</summary>
public sealed class VenueRegistry
{
    private readonly Dictionary<string, IVenueProtocol> _byVenue;

    /// <summary>Creates the registry.</summary>
    /// <param name="protocols">Adapters; venue ids must be unique.</param>
    /// <exception cref="ArgumentException">Two adapters share a venue id.</exception>
    public VenueRegistry(IEnumerable<IVenueProtocol> protocols)
    {
        _byVenue = protocols.ToDictionary(p => p.Venue, StringComparer.Ordinal);
    }

    /// <summary>All adapters.</summary>
    public IReadOnlyCollection<IVenueProtocol> All => _byVenue.Values;

    /// <summary>The adapter for a venue id.</summary>
    /// <param name="venue">Venue id.</param>
    /// <param name="protocol">The adapter.</param>
    /// <returns>False when unknown.</returns>
    public bool TryGet(string venue, out IVenueProtocol protocol) => _byVenue.TryGetValue(venue, out protocol!);

    /// <summary>The adapter whose venue a URL belongs to.</summary>
    /// <param name="url">A WebSocket or REST URL.</param>
    /// <param name="protocol">The adapter.</param>
    /// <returns>False when no adapter matches.</returns>
    public bool TryMatchUrl(string url, out IVenueProtocol protocol)
    {
        foreach (var candidate in _byVenue.Values)
        {
            if (candidate.MatchesUrl(url))
            {
                protocol = candidate;
                return true;
            }
        }

        protocol = null!;
        return false;
    }

    /// <summary>
    /// A registry whose adapters are configured (<see cref="IVenueProtocol.Configure"/>) with each venue's options;
    /// venues without options keep their default adapter. What a silo's connectors and book grains use.
    /// </summary>
    /// <param name="options">Options by venue id (<c>Feed:Venues</c>); ids this registry does not know are ignored.</param>
    /// <returns>A new registry.</returns>
    /// <exception cref="ArgumentException">A venue's options are invalid (validate first).</exception>
    public VenueRegistry Configure(IReadOnlyDictionary<string, VenueOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new VenueRegistry(_byVenue.Values.Select(p => options.TryGetValue(p.Venue, out var o) ? p.Configure(o) : p));
    }
}
