namespace OrleansFeed.Exchanges.Common.Venues;

/// <summary>An application-level ping a venue expects from the client.</summary>
/// <param name="Message">The text frame to send, e.g. <c>ping</c> (OKX §6) or <c>{"op":"ping"}</c> (Bybit §7).</param>
/// <param name="Interval">How often to send it while connected (below the venue's idle timeout, e.g. 20 s for Bybit and OKX's 30 s limit).</param>
public sealed record ConnectionKeepAlive(string Message, TimeSpan Interval);
