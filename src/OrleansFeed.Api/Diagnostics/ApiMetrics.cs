using System.Diagnostics.Metrics;
using OrleansFeed.Api.WebSockets;

namespace OrleansFeed.Api.Diagnostics;

/// <summary>
/// The API's instruments on the meter <see cref="MeterName"/> (<c>OrleansFeed.Api</c>): WebSocket connections,
/// messages sent, book conflations, dropped trades and slow-consumer disconnects. Thread-safe; a DI singleton.
/// </summary>
public sealed class ApiMetrics
{
    /// <summary>The meter name: <c>OrleansFeed.Api</c>.</summary>
    public const string MeterName = "OrleansFeed.Api";

    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _messagesSent;
    private readonly Counter<long> _conflations;
    private readonly Counter<long> _tradesDropped;
    private readonly Counter<long> _slowDisconnects;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The host's meter factory (owns and disposes the meter).</param>
    public ApiMetrics(IMeterFactory meterFactory)
        : this(meterFactory, null)
    {
    }

    /// <summary>Creates the instruments, with the subscription gauge over <paramref name="sessions"/>.</summary>
    /// <param name="meterFactory">The host's meter factory (owns and disposes the meter).</param>
    /// <param name="sessions">The open sessions; null for no subscription gauge.</param>
    public ApiMetrics(IMeterFactory meterFactory, WebSocketSessionRegistry? sessions)
    {
        var meter = meterFactory.Create(MeterName);
        if (sessions is not null)
        {
            meter.CreateObservableUpDownCounter("orleansfeed.api.ws.subscriptions", () => (long)sessions.Sessions.Sum(s => s.Subscriptions), "{subscription}", "Subscriptions of the open WebSocket connections (all channels).");
        }

        _connections = meter.CreateUpDownCounter<long>("orleansfeed.api.ws.connections", "{connection}", "Open WebSocket connections.");
        _messagesSent = meter.CreateCounter<long>("orleansfeed.api.ws.messages_sent", "{message}", "WebSocket messages sent.");
        _conflations = meter.CreateCounter<long>("orleansfeed.api.ws.conflations", "{conflation}", "Book subscriptions that lost deltas and were conflated to a fresh snapshot.");
        _tradesDropped = meter.CreateCounter<long>("orleansfeed.api.ws.trades_dropped", "{trade}", "Trades not sent because the connection's queue was full.");
        _slowDisconnects = meter.CreateCounter<long>("orleansfeed.api.ws.slow_disconnects", "{connection}", "Connections closed as slow consumers.");
    }

    internal void Connected() => _connections.Add(1);

    internal void Disconnected() => _connections.Add(-1);

    internal void MessageSent() => _messagesSent.Add(1);

    internal void Conflated() => _conflations.Add(1);

    internal void TradeDropped() => _tradesDropped.Add(1);

    internal void SlowDisconnect() => _slowDisconnects.Add(1);
}
