using OrleansFeed.Runtime.Streams;

namespace OrleansFeed.Runtime;

/// <summary>
/// Base class of grain implementations, as Orleans' <c>Grain</c>. The runtime creates one instance per
/// activation (constructor injection from the silo's services), calls <see cref="OnActivateAsync"/> before
/// the first call, runs calls, stream handlers and timer callbacks one turn at a time (no locks needed in
/// grain code), and calls <see cref="OnDeactivateAsync"/> when the activation is collected or the silo stops.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>This grain's identity.</summary>
    /// <exception cref="InvalidOperationException">Read before the runtime attached the grain.</exception>
    public GrainId GrainId => Context.GrainId;

    /// <summary>This grain's key.</summary>
    public string GrainKey => Context.GrainId.Key;

    /// <summary>References to other grains.</summary>
    protected IGrainFactory GrainFactory => Context.GrainFactory;

    /// <summary>The silo's stream provider.</summary>
    protected IStreamProvider StreamProvider => Context.StreamProvider;

    /// <summary>The silo's clock; grain code never reads the system clock directly.</summary>
    protected TimeProvider TimeProvider => Context.TimeProvider;

    private IGrainContext Context => _context ?? throw new InvalidOperationException("The grain is not attached to an activation yet.");

    /// <summary>Called once before the first call of an activation, inside its first turn.</summary>
    /// <param name="cancellationToken">Cancelled when the silo stops during activation.</param>
    /// <returns>Completes when activated; a fault fails the triggering call and discards the activation.</returns>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once when the activation is collected (idle) or the silo stops, inside a turn.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancelled when shutdown runs out of time.</param>
    /// <returns>Completes when deactivated.</returns>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Registers a timer whose callback runs inside this grain's turns. The timer does not keep an idle
    /// grain active. It is disposed with the activation.
    /// </summary>
    /// <param name="callback">The callback.</param>
    /// <param name="dueTime">Delay before the first tick.</param>
    /// <param name="period">Interval between ticks; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</param>
    /// <returns>Dispose to stop the timer.</returns>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterTimer(callback, dueTime, period);

    /// <summary>
    /// Subscribes to a stream with a handler that runs inside this grain's turns (one at a time, in order).
    /// The subscription is disposed with the activation.
    /// </summary>
    /// <typeparam name="T">Event type.</typeparam>
    /// <param name="stream">The stream.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="options">Queue settings.</param>
    /// <returns>The subscription.</returns>
    protected IStreamSubscription SubscribeInTurn<T>(IAsyncStream<T> stream, Func<T, ValueTask> handler, StreamSubscriptionOptions? options = null) =>
        Context.SubscribeInTurn(stream, handler, options);

    /// <summary>Asks the runtime to deactivate this activation after the current turn.</summary>
    protected void DeactivateOnIdle() => Context.DeactivateOnIdle();

    internal void Attach(IGrainContext context) => _context = context;
}

/// <summary>Why an activation is deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>Idle longer than the collection age.</summary>
    Idle,

    /// <summary>The grain asked for it (<c>DeactivateOnIdle</c>).</summary>
    Requested,

    /// <summary>The silo is stopping.</summary>
    SiloStopping,
}

/// <summary>What the runtime gives a grain activation. Implemented by the runtime, not by grains.</summary>
public interface IGrainContext
{
    /// <summary>The grain's identity.</summary>
    GrainId GrainId { get; }

    /// <summary>Grain references.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>Streams.</summary>
    IStreamProvider StreamProvider { get; }

    /// <summary>Clock.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>See <see cref="Grain"/>.</summary>
    /// <param name="callback">Callback.</param>
    /// <param name="dueTime">First tick delay.</param>
    /// <param name="period">Period.</param>
    /// <returns>Handle.</returns>
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    /// <summary>See <see cref="Grain"/>.</summary>
    /// <typeparam name="T">Event type.</typeparam>
    /// <param name="stream">Stream.</param>
    /// <param name="handler">Handler.</param>
    /// <param name="options">Options.</param>
    /// <returns>Subscription.</returns>
    IStreamSubscription SubscribeInTurn<T>(IAsyncStream<T> stream, Func<T, ValueTask> handler, StreamSubscriptionOptions? options);

    /// <summary>See <see cref="Grain"/>.</summary>
    void DeactivateOnIdle();
}
