using Microsoft.Extensions.Logging;

namespace OrleansFeed.Runtime.Internal;

/// <summary>Source-generated log methods of the runtime; ids from <see cref="RuntimeLogEvents"/>.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = RuntimeLogEvents.ActivationCreated, Level = LogLevel.Debug, Message = "Activated {GrainId} as {GrainType}")]
    public static partial void ActivationCreated(ILogger logger, GrainId grainId, string grainType);

    [LoggerMessage(EventId = RuntimeLogEvents.ActivationFailed, Level = LogLevel.Warning, Message = "Activation of {GrainId} failed; the activation is discarded and the next call retries")]
    public static partial void ActivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = RuntimeLogEvents.ActivationDeactivated, Level = LogLevel.Debug, Message = "Deactivated {GrainId} (reason {Reason})")]
    public static partial void ActivationDeactivated(ILogger logger, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(EventId = RuntimeLogEvents.DeactivationFailed, Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed (reason {Reason}); the activation is removed anyway")]
    public static partial void DeactivationFailed(ILogger logger, GrainId grainId, DeactivationReason reason, Exception exception);

    [LoggerMessage(EventId = RuntimeLogEvents.IdleActivationsCollected, Level = LogLevel.Debug, Message = "Collected {Count} idle activations; {Remaining} remain")]
    public static partial void IdleActivationsCollected(ILogger logger, int count, int remaining);

    [LoggerMessage(EventId = RuntimeLogEvents.CollectorFailed, Level = LogLevel.Error, Message = "Idle collection pass failed; the collector keeps running")]
    public static partial void CollectorFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = RuntimeLogEvents.StreamHandlerFaulted, Level = LogLevel.Warning, Message = "Handler of a subscription to stream {StreamId} threw; the event is counted as a fault and the subscription continues (logged once per subscription)")]
    public static partial void StreamHandlerFaulted(ILogger logger, Streams.StreamId streamId, Exception exception);

    [LoggerMessage(EventId = RuntimeLogEvents.TimerCallbackFaulted, Level = LogLevel.Warning, Message = "Timer callback of {GrainId} threw; the timer keeps ticking")]
    public static partial void TimerCallbackFaulted(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = RuntimeLogEvents.RuntimeStarted, Level = LogLevel.Information, Message = "Grain runtime started: collection age {CollectionAge}, quantum {CollectionQuantum}")]
    public static partial void RuntimeStarted(ILogger logger, TimeSpan collectionAge, TimeSpan collectionQuantum);

    [LoggerMessage(EventId = RuntimeLogEvents.RuntimeStopping, Level = LogLevel.Information, Message = "Grain runtime stopping: deactivating {Count} activations")]
    public static partial void RuntimeStopping(ILogger logger, int count);
}
