namespace OrleansFeed.Exchanges.Common.Venues;

/// <summary>
/// Configuration of one venue (section <c>Feed:Venues:&lt;venue&gt;</c>). Base URLs are configuration so tests and
/// <c>run --simulator</c> point them at the local exchange simulator.
/// </summary>
public sealed class VenueOptions
{
    /// <summary>Whether the venue is connected. Default true when the section exists.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Native symbols to subscribe, as the venue's REST API spells them (e.g. <c>BTCUSDT</c>).</summary>
    public List<string> Symbols { get; set; } = [];

    /// <summary>WebSocket base URL, e.g. <c>wss://stream.binance.com:9443</c>; empty = the venue's production default.</summary>
    public string WebSocketUrl { get; set; } = string.Empty;

    /// <summary>REST base URL, e.g. <c>https://api.binance.com</c>; empty = the venue's production default.</summary>
    public string RestUrl { get; set; } = string.Empty;

    /// <summary>Levels requested per REST snapshot. Default 1000 (Binance weight 50 spot / 20 futures).</summary>
    public int DepthLimit { get; set; } = 1000;

    /// <summary>
    /// Whether to read the venue's instrument reference endpoint (tick size, lot size, status) in the background at
    /// start; default true. Tests against the simulator switch it off.
    /// </summary>
    public bool LoadInstruments { get; set; } = true;

    /// <summary>Depth stream speed suffix, e.g. <c>100ms</c>; empty for the venue default.</summary>
    public string DepthSpeed { get; set; } = "100ms";

    /// <summary>
    /// USD-M 2026 routing: depth and bookTicker on <c>/public</c>, trades on <c>/market</c> (two connections).
    /// Default true for <c>binance-futures</c>; set false for a legacy single endpoint.
    /// </summary>
    public bool? SplitRoutes { get; set; }

    /// <summary>Streams per connection before sharding to another connection. Default 1024 (Binance's cap), 1..1024.</summary>
    public int MaxStreamsPerConnection { get; set; } = 1024;

    /// <summary>REST weight budget per minute this silo may use. Default: half the venue's IP limit.</summary>
    public int RestWeightPerMinute { get; set; }

    /// <summary>Replace a connection after this age (Binance cuts at 24 h). Default 23 h 50 min.</summary>
    public TimeSpan MaxConnectionAge { get; set; } = TimeSpan.FromHours(23) + TimeSpan.FromMinutes(50);

    /// <summary>First reconnect delay; doubles per failure with jitter. Default 500 ms.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest reconnect delay. Default 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks ranges; the message names the section and key.</summary>
    /// <param name="venue">The venue id (section name).</param>
    /// <returns>Problems found; empty when valid.</returns>
    public IEnumerable<string> Validate(string venue)
    {
        var section = $"Feed:Venues:{venue}";
        if (DepthLimit is < 5 or > 5000)
        {
            yield return $"{section}:DepthLimit must be 5..5000 (was {DepthLimit}).";
        }

        if (MaxStreamsPerConnection is < 1 or > 1024)
        {
            yield return $"{section}:MaxStreamsPerConnection must be 1..1024 (was {MaxStreamsPerConnection}).";
        }

        if (ReconnectMinDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectMinDelay)
        {
            yield return $"{section}:ReconnectMinDelay must be positive and not above ReconnectMaxDelay.";
        }

        if (MaxConnectionAge < TimeSpan.FromMinutes(1))
        {
            yield return $"{section}:MaxConnectionAge must be at least 1 minute.";
        }

        foreach (var url in new[] { WebSocketUrl, RestUrl })
        {
            if (url.Length > 0 && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                yield return $"{section}: '{url}' is not an absolute URL.";
            }
        }

        if (Enabled && Symbols.Count == 0)
        {
            yield return $"{section}:Symbols must list at least one symbol when the venue is enabled.";
        }
    }
}
