using Microsoft.Extensions.Logging;

namespace OrleansFeed.Redis.Internal;

/// <summary>
/// Every log event of the Redis provider (area 4xxx): 40xx connection, 401x grain storage, 402x last values. Connection and write-failure events fire once per outage episode, never per command.
/// </summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 4000, EventName = "RedisConnecting", Level = LogLevel.Information,
        Message = "Connecting to Redis: {Options}")]
    public static partial void Connecting(ILogger logger, RedisOptions options);

    [LoggerMessage(EventId = 4001, EventName = "RedisConnected", Level = LogLevel.Information,
        Message = "Redis connected: {Endpoint}")]
    public static partial void Connected(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 4002, EventName = "RedisConnectionLost", Level = LogLevel.Warning,
        Message = "Redis connection lost ({FailureType}): {Reason}. Last values are coalesced in memory until it returns.")]
    public static partial void ConnectionLost(ILogger logger, string failureType, string reason);

    [LoggerMessage(EventId = 4003, EventName = "RedisConnectionRestored", Level = LogLevel.Information,
        Message = "Redis connection restored: {Endpoint}")]
    public static partial void ConnectionRestored(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 4004, EventName = "RedisUnavailableAtStart", Level = LogLevel.Warning,
        Message = "Redis not reachable at start ({Endpoint}); retrying in the background, the silo keeps serving.")]
    public static partial void UnavailableAtStart(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 4005, EventName = "RedisConnectFailed", Level = LogLevel.Error,
        Message = "Redis connect failed; will retry on next use.")]
    public static partial void ConnectFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4010, EventName = "GrainStorageFailed", Level = LogLevel.Error,
        Message = "Redis grain storage {Operation} failed for {GrainId}")]
    public static partial void GrainStorageFailed(ILogger logger, string operation, string grainId, Exception exception);

    [LoggerMessage(EventId = 4020, EventName = "LastValueWritesFailing", Level = LogLevel.Warning,
        Message = "Redis last-value writes failing: {Reason}. Values are kept (latest per key) and retried.")]
    public static partial void LastValueWritesFailing(ILogger logger, string reason);

    [LoggerMessage(EventId = 4021, EventName = "LastValueWritesResumed", Level = LogLevel.Information,
        Message = "Redis last-value writes resumed after {Failures} failed writes.")]
    public static partial void LastValueWritesResumed(ILogger logger, long failures);

    [LoggerMessage(EventId = 4022, EventName = "LastValueKeyLimitReached", Level = LogLevel.Warning,
        Message = "Redis last-value key limit {MaxKeys} reached; offers for new keys are dropped (first: {Key}).")]
    public static partial void LastValueKeyLimitReached(ILogger logger, int maxKeys, string key);

    [LoggerMessage(EventId = 4023, EventName = "LastValueFlushLoopFailed", Level = LogLevel.Error,
        Message = "Redis last-value flush loop failed unexpectedly; it stops.")]
    public static partial void LastValueFlushLoopFailed(ILogger logger, Exception exception);
}
