using System.Runtime.CompilerServices;

namespace OrleansFeed.Runtime.Activation;

/// <summary>Turn scheduling and deactivation entry points.</summary>
internal sealed partial class GrainActivation
{
    /// <summary>
    /// Runs <paramref name="body"/> as one turn: waits for the gate, activates on the first turn, runs the body
    /// until its task completes, then deactivates if the grain asked for it.
    /// </summary>
    /// <returns>Not run when the activation was deactivated before the turn started.</returns>
    /// <exception cref="Exception">Whatever OnActivateAsync or the body throws, unchanged.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<TurnOutcome<TResult>> RunTurnAsync<TState, TResult>(
        Func<Grain, TState, ValueTask<TResult>> body, TState state, TurnKind kind)
    {
        Interlocked.Increment(ref _outstandingTurns);
        await _gate.WaitAsync().ConfigureAwait(false);
        var countsAsUse = kind != TurnKind.Timer;
        try
        {
            if (_state == ActivationState.Created)
            {
                if (kind != TurnKind.Call)
                {
                    return TurnOutcome<TResult>.NotRun;
                }

                await ActivateAsync().ConfigureAwait(false);
            }

            if (_state != ActivationState.Active)
            {
                return TurnOutcome<TResult>.NotRun;
            }

            if (countsAsUse)
            {
                Touch();
            }

            var result = await body(_grain!, state).ConfigureAwait(false);
            return new TurnOutcome<TResult>(true, result);
        }
        finally
        {
            if (countsAsUse)
            {
                Touch();
            }

            Interlocked.Decrement(ref _outstandingTurns);
            if (_deactivateRequested && _state == ActivationState.Active)
            {
                await DeactivateCoreAsync(DeactivationReason.Requested, _catalog.StoppingToken).ConfigureAwait(false);
            }

            _gate.Release();
        }
    }

    /// <summary>
    /// Deactivates when idle: takes the gate only if it is free right now and re-checks idleness under it, so a
    /// call that arrives meanwhile always wins over the collector.
    /// </summary>
    /// <returns>True when deactivated.</returns>
    internal async Task<bool> TryDeactivateIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            if (_state != ActivationState.Active || !IsIdle(cutoff))
            {
                return false;
            }

            await DeactivateCoreAsync(DeactivationReason.Idle, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deactivates after the running and already queued turn ahead of it (silo stop).</summary>
    internal async Task DeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state == ActivationState.Active)
            {
                await DeactivateCoreAsync(reason, cancellationToken).ConfigureAwait(false);
            }
            else if (_state == ActivationState.Created)
            {
                _state = ActivationState.Deactivated;
                _catalog.Remove(this);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
