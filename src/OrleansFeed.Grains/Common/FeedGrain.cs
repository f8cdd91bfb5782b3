using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Grains.FanOut.Relay;
using OrleansFeed.Grains.Relay;

namespace OrleansFeed.Grains.Common;

/// <summary>
/// Base of the feed's Orleans grains: the string key, the silo's clock and local fan-out, grain timers, and
/// subscriptions to the silo-local fan-out whose handlers run on this activation's scheduler (one at a time, in
/// order, never concurrently with a grain call's synchronous code). Subscriptions end with the activation. Books and
/// aggregators are also the relay sources of the streams they produce (<see cref="IRelaySourceGrain"/>): subscribers on
/// other silos attach here, and are told when the activation ends.
/// </summary>
public abstract class FeedGrain : Grain, IRelaySourceGrain
{
    private readonly List<IStreamSubscription> _subscriptions = [];
    private TaskScheduler? _scheduler;
    private TimeProvider? _clock;
    private IStreamProvider? _fanOut;

    /// <summary>This grain's string key.</summary>
    protected string GrainKey => this.GetPrimaryKeyString();

    /// <summary>The silo's clock (the fake clock in tests); grain code never reads the system clock directly.</summary>
    protected TimeProvider TimeProvider => _clock ??= ServiceProvider.GetRequiredService<TimeProvider>();

    /// <summary>The address of the silo this activation runs on.</summary>
    protected SiloAddress LocalSilo => ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>The silo-local fan-out (per-consumer bounded queues).</summary>
    protected IStreamProvider StreamProvider => _fanOut ??= ServiceProvider.GetRequiredService<IStreamProvider>();

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => DisposeSubscriptionsAsync();

    /// <inheritdoc />
    public Task<RelayAttachment> AttachRelayAsync(string streamNamespace, SiloAddress? subscriberSilo, IRelayObserver observer)
    {
        var produced = RelayedStreams.TryGetSource(streamNamespace, out var source)
            && (source == RelaySource.OrderBook ? this is IOrderBookGrain : this is IAggregatorGrain);
        if (!produced)
        {
            throw new ArgumentException($"{GetType().Name} '{GrainKey}' does not produce stream namespace '{streamNamespace}'.", nameof(streamNamespace));
        }

        return Task.FromResult(ServiceProvider.GetRequiredService<RelayPublisher>().Attach(this.GetGrainId(), new FanOutStreamId(streamNamespace, GrainKey), subscriberSilo, observer));
    }

    /// <summary>
    /// Ends every subscription of this activation, and every relay attached to it (its observers attach again to the
    /// next activation). Called on deactivation; overriders call it too.
    /// </summary>
    /// <returns>Completes when unsubscribed.</returns>
    protected async Task DisposeSubscriptionsAsync()
    {
        await ServiceProvider.GetRequiredService<RelayPublisher>().EndSourceAsync(this.GetGrainId());
        foreach (var subscription in _subscriptions)
        {
            await subscription.DisposeAsync();
        }

        _subscriptions.Clear();
    }

    /// <summary>
    /// Registers a grain timer whose callback runs as a turn of this grain. It does not keep the grain active:
    /// the grains that must stay active say so with <c>[KeepAlive]</c>.
    /// </summary>
    /// <param name="callback">The callback.</param>
    /// <param name="dueTime">Delay before the first tick.</param>
    /// <param name="period">Interval between ticks.</param>
    /// <returns>Dispose to stop the timer.</returns>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period) { Interleave = false, KeepAlive = false });

    /// <summary>
    /// Subscribes to the silo-local fan-out with a handler that runs on this activation's task scheduler. Must be
    /// called from grain code (activation or a grain call), which is where the scheduler is captured.
    /// </summary>
    /// <typeparam name="T">Event type.</typeparam>
    /// <param name="stream">The stream.</param>
    /// <param name="handler">Called once per event, in order, one at a time.</param>
    /// <param name="options">Queue settings.</param>
    /// <returns>The subscription.</returns>
    protected IStreamSubscription SubscribeInTurn<T>(IAsyncStream<T> stream, Func<T, ValueTask> handler, StreamSubscriptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _scheduler ??= TaskScheduler.Current;
        var scheduler = _scheduler;
        var subscription = stream.Subscribe(
            item => new ValueTask(Task.Factory.StartNew(() => handler(item).AsTask(), CancellationToken.None, TaskCreationOptions.None, scheduler).Unwrap()),
            options);
        _subscriptions.Add(subscription);
        return subscription;
    }
}
