namespace OrleansFeed.Api.Security.Options;

/// <summary>
/// Kestrel limits set deliberately (section <c>Security:Limits</c>) rather than left at Kestrel's defaults: the API
/// takes small GET requests and WebSocket upgrades, so bodies and headers are kept small and slow senders are cut.
/// </summary>
public sealed class KestrelLimitOptions
{
    /// <summary>Largest request body in bytes; 0..100 MiB. Default 16 KiB (the API reads no bodies).</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Total size of a request's headers in bytes; 1 KiB..1 MiB. Default 16 KiB.</summary>
    public int MaxRequestHeadersTotalBytes { get; set; } = 16 * 1024;

    /// <summary>Headers per request; 1..1000. Default 50.</summary>
    public int MaxRequestHeaderCount { get; set; } = 50;

    /// <summary>Longest request line (method, target, version) in bytes; 256..64 KiB. Default 4 KiB.</summary>
    public int MaxRequestLineBytes { get; set; } = 4 * 1024;

    /// <summary>Time a client has to send all request headers; 1 s..5 min. Default 10 s (slow-header clients are cut).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle time before a keep-alive connection is closed; 1 s..1 h. Default 60 s.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Slowest accepted request-body rate in bytes/s after <see cref="MinDataRateGracePeriod"/>; 1..1 MiB/s. Default 240.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>Slowest accepted response rate in bytes/s (a client not reading); 1..1 MiB/s. Default 240.</summary>
    public double MinResponseBytesPerSecond { get; set; } = 240;

    /// <summary>Grace period before the data-rate minimums apply; 1 s..5 min. Default 5 s.</summary>
    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Open TCP connections at once; 1..1,000,000. Default 10,000.</summary>
    public long MaxConcurrentConnections { get; set; } = 10_000;

    /// <summary>Open upgraded (WebSocket) connections at once; 1..1,000,000. Default 5,000.</summary>
    public long MaxConcurrentUpgradedConnections { get; set; } = 5_000;
}
