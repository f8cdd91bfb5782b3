namespace OrleansFeed.Exchanges.Common.Venues;

/// <summary>One WebSocket connection a venue needs: where to connect, what to send after connecting, which symbols' books it carries.</summary>
/// <param name="Name">Short name for logs and metrics, e.g. <c>public-0</c>.</param>
/// <param name="Uri">The WebSocket URL (streams may be in the query, Binance combined form).</param>
/// <param name="SubscribeMessages">Text frames to send once connected (empty when the URL subscribes).</param>
/// <param name="BookSymbols">Symbols whose book diffs travel on this connection (they go stale when it drops).</param>
public sealed record ConnectionPlan(string Name, Uri Uri, IReadOnlyList<string> SubscribeMessages, IReadOnlyList<string> BookSymbols)
{
    /// <summary>
    /// Application-level keep-alive the venue requires (OKX <c>ping</c> text, Bybit <c>{"op":"ping"}</c>,
    /// KuCoin <c>{"type":"ping"}</c> at the server-given interval); null when WebSocket pings or venue heartbeats suffice.
    /// </summary>
    public ConnectionKeepAlive? KeepAlive { get; init; }

    /// <summary>
    /// Minimum pause between two subscribe messages on this connection (the venue's subscribe-message rate
    /// limit, e.g. Binance 5 messages/s → 200 ms, KuCoin 100 per 10 s); zero sends them back to back.
    /// </summary>
    public TimeSpan SubscribeMessageInterval { get; init; }

    /// <summary>
    /// Delay before this connection's first connect attempt, staggering a venue's connections under its per-IP
    /// connection-rate limit (e.g. Bitfinex 20 connections per minute → the i-th plan waits i × 3 s); zero connects
    /// at once. Reconnects are paced by the reconnect back-off instead.
    /// </summary>
    public TimeSpan ConnectDelay { get; init; }
}
