using Microsoft.Extensions.Configuration;

namespace OrleansFeed.Silo.Commands;

/// <summary>
/// Configuration that arrives after the host is built and before it starts: the simulator's venues, endpoints and
/// symbols of <c>run --simulate</c>, known only once its capture is loaded. The silo is built (and Orleans' object graph
/// constructed) while the capture loads; <see cref="Set"/> then fills these settings in and signals a reload, before
/// anything has read the feed's options. Added as the last source, so these settings win, as the overrides they are.
/// </summary>
internal sealed class LateSettings : ConfigurationProvider, IConfigurationSource
{
    /// <summary>Sets the settings (later entries win) and signals the configuration's reload token.</summary>
    /// <param name="settings">Key/value pairs, keys as in configuration (<c>Feed:Venues:kraken:Url</c>).</param>
    public void Set(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            data[key] = value;
        }

        Data = data;
        OnReload();
    }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
}
