using Microsoft.Extensions.Logging;

namespace OrleansFeed.Nats.Internal;

/// <summary>Source-generated log events of the NATS client. Ids: 3000-3099 core, 3100-3199 JetStream.</summary>
internal static partial class NatsLog
{
    [LoggerMessage(EventId = 3000, EventName = "NatsConnected", Level = LogLevel.Information, Message = "NATS connected: url={Url} server_id={ServerId} version={Version}")]
    public static partial void Connected(this ILogger logger, string url, string serverId, string version);

    [LoggerMessage(EventId = 3001, EventName = "NatsDisconnected", Level = LogLevel.Warning, Message = "NATS disconnected: url={Url}")]
    public static partial void Disconnected(this ILogger logger, string url, Exception? error);

    [LoggerMessage(EventId = 3002, EventName = "NatsReconnectFailed", Level = LogLevel.Warning, Message = "NATS reconnect failed: url={Url} attempt={Attempt}")]
    public static partial void ReconnectFailed(this ILogger logger, string url, int attempt, Exception error);

    [LoggerMessage(EventId = 3003, EventName = "NatsReconnected", Level = LogLevel.Information, Message = "NATS reconnected: url={Url} attempt={Attempt} resubscribed={Subscriptions} buffered_bytes={BufferedBytes}")]
    public static partial void Reconnected(this ILogger logger, string url, int attempt, int subscriptions, int bufferedBytes);

    [LoggerMessage(EventId = 3004, EventName = "NatsServerError", Level = LogLevel.Warning, Message = "NATS server error: error='{Error}'")]
    public static partial void ServerError(this ILogger logger, string error);

    [LoggerMessage(EventId = 3005, EventName = "NatsSlowConsumer", Level = LogLevel.Warning, Message = "NATS slow consumer, dropping messages: subject={Subject} sid={Sid} dropped={Dropped}")]
    public static partial void SlowConsumer(this ILogger logger, string subject, long sid, long dropped);

    [LoggerMessage(EventId = 3006, EventName = "NatsStaleConnection", Level = LogLevel.Warning, Message = "NATS connection stale: pings_out={PingsOut} max_pings_out={MaxPingOut}")]
    public static partial void StaleConnection(this ILogger logger, int pingsOut, int maxPingOut);

    [LoggerMessage(EventId = 3007, EventName = "NatsEventHandlerFailed", Level = LogLevel.Error, Message = "NATS event handler threw: event={Event}")]
    public static partial void EventHandlerFailed(this ILogger logger, string @event, Exception error);

    [LoggerMessage(EventId = 3008, EventName = "NatsReconnectGaveUp", Level = LogLevel.Error, Message = "NATS reconnect gave up: url={Url} attempts={Attempts}")]
    public static partial void ReconnectGaveUp(this ILogger logger, string url, int attempts);

    [LoggerMessage(EventId = 3100, EventName = "NatsJSOrderedConsumerReset", Level = LogLevel.Information, Message = "JetStream ordered consumer reset: stream={Stream} expected_consumer_seq={Expected} got={Actual} restart_stream_seq={RestartSeq}")]
    public static partial void OrderedConsumerReset(this ILogger logger, string stream, ulong expected, ulong actual, ulong restartSeq);

    [LoggerMessage(EventId = 3101, EventName = "NatsJSConsumerDeleteFailed", Level = LogLevel.Debug, Message = "JetStream consumer delete failed: stream={Stream} consumer={Consumer}")]
    public static partial void ConsumerDeleteFailed(this ILogger logger, string stream, string consumer, Exception error);
}
