using Microsoft.Extensions.Logging;

namespace OrleansFeed.Bridge.Nats.Internal;

/// <summary>Bridge log events, ids 5000-5099.</summary>
internal static partial class BridgeLog
{
    [LoggerMessage(EventId = 5100, EventName = "BridgeStarted", Level = LogLevel.Information, Message = "NATS bridge started: url={Url} prefix={Prefix} books={Books} subscriptions={Subscriptions} skipped={Skipped}")]
    public static partial void Started(this ILogger logger, string url, string prefix, int books, int subscriptions, string skipped);

    [LoggerMessage(EventId = 5101, EventName = "BridgeConnectFailed", Level = LogLevel.Warning, Message = "NATS bridge cannot connect to {Url} (attempt {Attempt}); retrying in {DelayMs} ms, messages are dropped and counted meanwhile: {Error}")]
    public static partial void ConnectFailed(this ILogger logger, string url, int attempt, long delayMs, string error);

    [LoggerMessage(EventId = 5102, EventName = "BridgeConnected", Level = LogLevel.Information, Message = "NATS bridge connected to {Url}")]
    public static partial void Connected(this ILogger logger, string url);

    [LoggerMessage(EventId = 5103, EventName = "BridgeDisconnected", Level = LogLevel.Warning, Message = "NATS bridge lost its connection: {Reason}; reconnecting, publishes buffered up to {BufferBytes} bytes")]
    public static partial void Disconnected(this ILogger logger, string reason, int bufferBytes);

    [LoggerMessage(EventId = 5104, EventName = "BridgePublishFailing", Level = LogLevel.Warning, Message = "NATS bridge publishes failing ({Reason}) from subject {Subject}; counting drops until one succeeds")]
    public static partial void PublishFailing(this ILogger logger, string reason, string subject);

    [LoggerMessage(EventId = 5105, EventName = "BridgeJetStreamFailed", Level = LogLevel.Warning, Message = "NATS bridge could not create/update JetStream stream {Stream}: {Error}")]
    public static partial void JetStreamFailed(this ILogger logger, string stream, string error);

    [LoggerMessage(EventId = 5106, EventName = "BridgeJetStreamReady", Level = LogLevel.Information, Message = "NATS bridge JetStream stream {Stream} ready: subjects={Subjects} messages={Messages}")]
    public static partial void JetStreamReady(this ILogger logger, string stream, string subjects, ulong messages);

    [LoggerMessage(EventId = 5107, EventName = "BridgeRequestFailed", Level = LogLevel.Warning, Message = "NATS bridge request on {Subject} failed: {Error}")]
    public static partial void RequestFailed(this ILogger logger, string subject, string error);

    [LoggerMessage(EventId = 5108, EventName = "BridgeRouteSkipped", Level = LogLevel.Information, Message = "NATS bridge route {Namespace} → {Kind} not published: {Reason}")]
    public static partial void RouteSkipped(this ILogger logger, string @namespace, string kind, string reason);

    [LoggerMessage(EventId = 5109, EventName = "BridgeSubjectCollision", Level = LogLevel.Warning, Message = "NATS bridge: books {First} and {Second} map to the same subject token; {Second} is not served by request/reply")]
    public static partial void SubjectCollision(this ILogger logger, string first, string second);

    [LoggerMessage(EventId = 5110, EventName = "BridgeDisposeFailed", Level = LogLevel.Debug, Message = "NATS bridge: closing the NATS connection did not complete cleanly: {Error}")]
    public static partial void DisposeFailed(this ILogger logger, string error);
}
