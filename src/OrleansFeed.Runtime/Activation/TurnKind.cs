namespace OrleansFeed.Runtime.Activation;

/// <summary>What a turn runs; decides whether it counts as use for idle collection.</summary>
internal enum TurnKind
{
    /// <summary>A grain call through a reference; counts as use.</summary>
    Call,

    /// <summary>A stream event for an in-turn subscription; counts as use (it is a message, as in Orleans).</summary>
    StreamEvent,

    /// <summary>A timer tick; does not count as use, so a timer alone never keeps a grain alive.</summary>
    Timer,
}

/// <summary>Result of trying to run a turn: not run when the activation was deactivated while the turn was queued.</summary>
/// <typeparam name="TResult">The turn's result.</typeparam>
/// <param name="Ran">False when the activation was already deactivated; the caller retries on a fresh activation.</param>
/// <param name="Result">The body's result when <paramref name="Ran"/>.</param>
internal readonly record struct TurnOutcome<TResult>(bool Ran, TResult Result)
{
    public static TurnOutcome<TResult> NotRun => default;
}
