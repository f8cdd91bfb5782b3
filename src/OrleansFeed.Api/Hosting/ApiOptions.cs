namespace OrleansFeed.Api.Hosting;

/// <summary>
/// Options of the REST and WebSocket API, bound from the configuration section <see cref="SectionName"/>
/// (<c>Api</c>) and validated at start by <see cref="ApiOptionsValidator"/>.
/// </summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section: <c>Api</c>.</summary>
    public const string SectionName = "Api";

    /// <summary>Largest <c>depth</c> (levels per side) a client may ask for; 1..5000. Default 5000 (the grain's cap).</summary>
    public int MaxDepth { get; set; } = 5000;

    /// <summary>Depth (levels per side) when a client gives none; 1..<see cref="MaxDepth"/>. Default 100.</summary>
    public int DefaultDepth { get; set; } = 100;

    /// <summary>Largest <c>limit</c> of recent trades; 1..1000 (the grain keeps the last 1000). Default 1000.</summary>
    public int MaxTradesLimit { get; set; } = 1000;

    /// <summary>Trades returned when a client gives no <c>limit</c>; 1..<see cref="MaxTradesLimit"/>. Default 100.</summary>
    public int DefaultTradesLimit { get; set; } = 100;

    /// <summary>
    /// Longest request target (path and query, as sent) in characters; longer ones get a 414 problem; 256..32,768.
    /// Default 8192 (Kestrel's own default request-line limit).
    /// </summary>
    public int MaxRequestTargetLength { get; set; } = 8192;

    /// <summary>WebSocket endpoint settings (section <c>Api:WebSocket</c>).</summary>
    public ApiWebSocketOptions WebSocket { get; set; } = new();
}
