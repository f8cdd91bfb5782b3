namespace OrleansFeed.Runtime.Internal;

/// <summary>
/// Event ids of the runtime area (1000-1999). Ids are never reused: a retired event keeps its number.
/// Sub-ranges: 1000 activation, 1100 catalog and collection, 1200 streams, 1300 timers, 1400 hosting.
/// </summary>
internal static class RuntimeLogEvents
{
    public const int ActivationCreated = 1000;
    public const int ActivationFailed = 1001;
    public const int ActivationDeactivated = 1002;
    public const int DeactivationFailed = 1003;

    public const int IdleActivationsCollected = 1100;
    public const int CollectorFailed = 1101;

    public const int StreamHandlerFaulted = 1200;

    public const int TimerCallbackFaulted = 1300;

    public const int RuntimeStarted = 1400;
    public const int RuntimeStopping = 1401;
}
