using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Grains.Connectors;

/// <summary>Which venues and symbols the silo serves (section <c>Feed</c>).</summary>
public sealed class FeedOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Feed";

    /// <summary>Venues by venue id (e.g. <c>binance</c>, <c>binance-futures</c>).</summary>
    public Dictionary<string, VenueOptions> Venues { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When set, every connection's traffic is recorded to this capture file (the <c>record</c> command).</summary>
    public string? CapturePath { get; set; }

    /// <summary>The enabled venues.</summary>
    public IEnumerable<KeyValuePair<string, VenueOptions>> EnabledVenues => Venues.Where(v => v.Value.Enabled);
}
