using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansFeed.Runtime.Catalog;
using OrleansFeed.Runtime.Internal;
using OrleansFeed.Runtime.Streams;
using OrleansFeed.Runtime.Timers;

namespace OrleansFeed.Runtime.Activation;

/// <summary>
/// One activation of a grain: the grain instance, its turn gate and its timers and in-turn subscriptions.
/// Like Orleans' <c>ActivationData</c>, but with a <see cref="SemaphoreSlim"/> as the whole scheduler: a turn
/// holds the gate until the grain method's task completes, so turns never overlap and calls are not reentrant
/// (a grain calling itself deadlocks, as a non-reentrant Orleans grain does).
/// </summary>
internal sealed partial class GrainActivation : IGrainContext
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly GrainCatalog _catalog;
    private readonly Type _grainClass;
    private readonly Lock _resourcesLock = new();
    private readonly List<GrainTimer> _timers = [];
    private readonly List<IStreamSubscription> _subscriptions = [];
    private Grain? _grain;
    private ActivationState _state;
    private int _outstandingTurns;
    private long _lastUseUtcTicks;
    private bool _deactivateRequested;

    public GrainActivation(GrainCatalog catalog, GrainId grainId, Type grainClass)
    {
        _catalog = catalog;
        GrainId = grainId;
        _grainClass = grainClass;
        _lastUseUtcTicks = catalog.TimeProvider.GetUtcNow().UtcTicks;
    }

    public GrainId GrainId { get; }

    public IGrainFactory GrainFactory => _catalog.Factory;

    public IStreamProvider StreamProvider => _catalog.StreamProvider;

    public TimeProvider TimeProvider => _catalog.TimeProvider;

    internal ILogger Logger => _catalog.Logger;

    internal ActivationState State => _state;

    /// <summary>Turns running or waiting for the gate.</summary>
    internal int OutstandingTurns => Volatile.Read(ref _outstandingTurns);

    /// <summary>Last time (UTC) a call or stream event finished or started here.</summary>
    internal DateTimeOffset LastUse => new(Volatile.Read(ref _lastUseUtcTicks), TimeSpan.Zero);

    /// <summary>
    /// True when no turn is running or queued, no in-turn subscription has pending events, and the last use
    /// is at or before <paramref name="cutoff"/>. Read without the gate; re-checked under it.
    /// </summary>
    internal bool IsIdle(DateTimeOffset cutoff)
    {
        if (Volatile.Read(ref _outstandingTurns) != 0 || LastUse > cutoff)
        {
            return false;
        }

        lock (_resourcesLock)
        {
            foreach (var subscription in _subscriptions)
            {
                if (subscription.Pending > 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer(this, callback);
        lock (_resourcesLock)
        {
            _timers.Add(timer);
        }

        timer.Start(dueTime, period);
        return timer;
    }

    public IStreamSubscription SubscribeInTurn<T>(IAsyncStream<T> stream, Func<T, ValueTask> handler, StreamSubscriptionOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = stream.Subscribe(item => HandleStreamEventAsync(handler, item), options);
        lock (_resourcesLock)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    public void DeactivateOnIdle() => _deactivateRequested = true;

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_resourcesLock)
        {
            _timers.Remove(timer);
        }
    }

    private async ValueTask HandleStreamEventAsync<T>(Func<T, ValueTask> handler, T item) =>
        await RunTurnAsync(
            static async (_, state) =>
            {
                await state.handler(state.item).ConfigureAwait(false);
                return true;
            },
            (handler, item),
            TurnKind.StreamEvent).ConfigureAwait(false);

    private void Touch() => Volatile.Write(ref _lastUseUtcTicks, TimeProvider.GetUtcNow().UtcTicks);

    private void DisposeResources()
    {
        GrainTimer[] timers;
        IStreamSubscription[] subscriptions;
        lock (_resourcesLock)
        {
            timers = [.. _timers];
            subscriptions = [.. _subscriptions];
            _timers.Clear();
            _subscriptions.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        // Stream subscriptions stop without waiting for their pump: the pump may be queued on this very gate.
        foreach (var subscription in subscriptions)
        {
            _ = subscription.DisposeAsync();
        }
    }

    private async Task ActivateAsync()
    {
        try
        {
            var grain = (Grain)ActivatorUtilities.CreateInstance(_catalog.Services, _grainClass);
            grain.Attach(this);
            _grain = grain;
            await grain.OnActivateAsync(_catalog.StoppingToken).ConfigureAwait(false);
            _state = ActivationState.Active;
            RuntimeLog.ActivationCreated(Logger, GrainId, _grainClass.Name);
        }
        catch (Exception ex)
        {
            RuntimeLog.ActivationFailed(Logger, GrainId, ex);
            DisposeResources();
            _state = ActivationState.Deactivated;
            _catalog.Remove(this);
            throw;
        }
    }

    private async Task DeactivateCoreAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _state = ActivationState.Deactivating;
        DisposeResources();
        try
        {
            await _grain!.OnDeactivateAsync(reason, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            RuntimeLog.DeactivationFailed(Logger, GrainId, reason, ex);
        }

        // Removed only now so no second activation of this grain runs while OnDeactivateAsync may still be
        // writing state; calls queued meanwhile see Deactivated and retry on a fresh activation.
        _state = ActivationState.Deactivated;
        _catalog.Remove(this);
        RuntimeLog.ActivationDeactivated(Logger, GrainId, reason);
    }
}
