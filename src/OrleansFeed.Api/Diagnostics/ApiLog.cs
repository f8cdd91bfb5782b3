using Microsoft.Extensions.Logging;

namespace OrleansFeed.Api.Diagnostics;

/// <summary>Source-generated log events of the API; ids 5000-5099 (REST 50xx, WebSocket 505x, health 509x).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 5001, EventName = "GrainCallFailed", Level = LogLevel.Warning, Message = "API request {Path} failed calling a grain")]
    public static partial void GrainCallFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 5050, EventName = "WebSocketConnected", Level = LogLevel.Debug, Message = "WebSocket session {SessionId} connected from {Remote}")]
    public static partial void WebSocketConnected(ILogger logger, long sessionId, string? remote);

    [LoggerMessage(EventId = 5051, EventName = "WebSocketClosed", Level = LogLevel.Debug, Message = "WebSocket session {SessionId} closed: {Reason}; sent {Sent}, conflations {Conflations}")]
    public static partial void WebSocketClosed(ILogger logger, long sessionId, string reason, long sent, long conflations);

    [LoggerMessage(EventId = 5052, EventName = "SlowConsumerDisconnected", Level = LogLevel.Warning, Message = "WebSocket session {SessionId} disconnected as a slow consumer: queue {Queued}/{Capacity}, conflations {Conflations}")]
    public static partial void SlowConsumerDisconnected(ILogger logger, long sessionId, int queued, int capacity, long conflations);

    [LoggerMessage(EventId = 5053, EventName = "BookConflated", Level = LogLevel.Debug, Message = "WebSocket session {SessionId} conflated book {Book}: {Reason} after sequence {Sequence}")]
    public static partial void BookConflated(ILogger logger, long sessionId, string book, string reason, long sequence);

    [LoggerMessage(EventId = 5054, EventName = "SnapshotFetchFailed", Level = LogLevel.Warning, Message = "WebSocket session {SessionId} could not fetch the snapshot of {Book}; retrying")]
    public static partial void SnapshotFetchFailed(ILogger logger, long sessionId, string book, Exception exception);

    [LoggerMessage(EventId = 5055, EventName = "WebSocketFailed", Level = LogLevel.Debug, Message = "WebSocket session {SessionId} ended with an error")]
    public static partial void WebSocketFailed(ILogger logger, long sessionId, Exception exception);

    [LoggerMessage(EventId = 5090, EventName = "ReadinessCheckFailed", Level = LogLevel.Warning, Message = "Readiness: book {Book} could not be read")]
    public static partial void ReadinessCheckFailed(ILogger logger, string book, Exception exception);
}
