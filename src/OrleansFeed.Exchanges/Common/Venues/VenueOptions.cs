namespace OrleansFeed.Exchanges.Common.Venues;

/// <summary>
/// Configuration of one venue (section <c>Feed:Venues:&lt;venue&gt;</c>). Base URLs are configuration so tests and
/// <c>run --simulate</c> point them at the local exchange simulator.
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

    /// <summary>The <see cref="DepthLimit"/> of venues that take any level count when none is configured: 1000 levels.</summary>
    public const int DefaultDepthLimit = 1000;

    /// <summary>
    /// Book depth, in levels per side; null (default) = the venue's default. Binance: REST snapshot <c>limit</c> (5..5000,
    /// default 1000); Kraken/Bitfinex: rounded up to a subscribable depth (default 1000); Bybit: the <c>N</c> of
    /// <c>orderbook.N</c> (1, 50, 200 or 1000; default 50); KuCoin: the REST snapshot synced from (20, 100 or 0 = full book;
    /// default 100). Each venue validates its own values (<see cref="IVenueProtocol.ValidateOptions"/>).
    /// </summary>
    public int? DepthLimit { get; set; }

    /// <summary>
    /// The venue's book channel by its wire name; empty (default) = the venue's default. OKX: <c>books</c> (default),
    /// <c>books-l2-tbt</c> or <c>books50-l2-tbt</c> (shared/docs/exchange-protocols.md §6 "Channels"). Venues with a
    /// single book channel reject a value.
    /// </summary>
    public string BookChannel { get; set; } = string.Empty;

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

    /// <summary>
    /// How long a replacement connection (max age, a <c>serverShutdown</c> notice) may take to deliver its first frame;
    /// a silent one is dropped, the current connection kept, and the replacement retried after
    /// <see cref="ReconnectMaxDelay"/>. Default 30 s (the replacement opens 30 s before <see cref="MaxConnectionAge"/>).
    /// </summary>
    public TimeSpan ReplacementFirstFrameTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Checks the venue-independent ranges; the message names the section and key. <see cref="DepthLimit"/> and
    /// <see cref="BookChannel"/> are checked by the venue (<see cref="IVenueProtocol.ValidateOptions"/>).
    /// </summary>
    /// <param name="venue">The venue id (section name).</param>
    /// <returns>Problems found; empty when valid.</returns>
    public IEnumerable<string> Validate(string venue)
    {
        var section = $"Feed:Venues:{venue}";
        if (MaxStreamsPerConnection is < 1 or > 1024)
        {
            yield return $"{section}:MaxStreamsPerConnection must be 1..1024 (was {MaxStreamsPerConnection}).";
        }

        if (ReconnectMinDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectMinDelay)
        {
            yield return $"{section}:ReconnectMinDelay must be positive and not above ReconnectMaxDelay.";
        }

        if (ReplacementFirstFrameTimeout <= TimeSpan.Zero)
        {
            yield return $"{section}:ReplacementFirstFrameTimeout must be positive.";
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
