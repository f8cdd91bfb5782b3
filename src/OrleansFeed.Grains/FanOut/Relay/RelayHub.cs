using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using OrleansFeed.Grains.Relay;

namespace OrleansFeed.Grains.FanOut.Relay;

/// <summary>
/// The subscriber side of the cross-silo relay, one per silo. When a relayed stream gets its first cluster-scope
/// subscription here (<see cref="IStreamDemand"/>), the hub attaches this silo's observer to the stream's producer grain
/// (<see cref="IRelaySourceGrain"/>), wherever it runs; relayed batches go to the local subscribers only
/// (<see cref="InMemoryStream{T}.OnNextRelayedAsync"/>). It attaches again after <see cref="RelayOptions.ReattachDelay"/>
/// when the producer ends or its silo is declared dead; the re-activated producer publishes a higher epoch, so the local
/// subscribers take a fresh snapshot. Every <see cref="RelayOptions.RefreshInterval"/> it renews each attachment. When
/// the last local subscriber leaves, the next batch answers "no longer wanted".
/// </summary>
internal sealed partial class RelayHub : IStreamDemand, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<FanOutStreamId, RelayLink> _links = new();
    private readonly ConcurrentDictionary<Type, (object Receiver, IRelayObserver Reference)> _observers = new();
    private readonly IServiceProvider _services;
    private readonly RelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RelayHub> _logger;
    private readonly CancellationTokenSource _stopping = new();

    public RelayHub(IServiceProvider services, RelayOptions options, TimeProvider time, ILogger<RelayHub> logger)
    {
        _services = services;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Streams followed from here right now, with where their producer was found (tests and diagnostics).</summary>
    public IReadOnlyDictionary<FanOutStreamId, SiloAddress?> Links => _links.ToDictionary(l => l.Key, l => l.Value.ProducerSilo);

    // Resolved late: the fan-out provider depends on this hub (as its IStreamDemand).
    private InMemoryStreamProvider Streams => _services.GetRequiredService<InMemoryStreamProvider>();

    private IGrainFactory Grains => _services.GetRequiredService<IGrainFactory>();

    private SiloAddress LocalSilo => _services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public void Started<T>(FanOutStreamId id)
    {
        if (!RelayKind.TryGet(id.Namespace, out var kind) || kind.EventType != typeof(T))
        {
            return;
        }

        var link = new RelayLink(id, kind);
        if (_links.TryGetValue(id, out var old))
        {
            EndLater(old);
        }

        _links[id] = link;

        // Off the caller's context: the first subscriber is often a grain in its own turn.
        _ = Task.Run(() => AttachAsync(link, reattach: false));
    }

    public void Stopped(FanOutStreamId id)
    {
        if (_links.TryRemove(id, out var link))
        {
            EndLater(link);
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RelayHub), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    /// <summary>This silo's observer reference for events of type <typeparamref name="T"/> (created once; the hub keeps the object alive).</summary>
    internal IRelayObserver GetObserver<T>() =>
        _observers.GetOrAdd(typeof(T), static (_, hub) =>
        {
            var receiver = new RelayReceiver<T>(hub);
            return (receiver, hub.Grains.CreateObjectReference<IRelayObserver<T>>(receiver));
        }, this).Reference;

    internal async Task<bool> DeliverAsync<T>(FanOutStreamId id, T[] items)
    {
        if (!_links.ContainsKey(id))
        {
            return false;
        }

        var stream = Streams.GetLocalStream<T>(id);
        foreach (var item in items)
        {
            await stream.OnNextRelayedAsync(item).ConfigureAwait(false);
        }

        return true;
    }

    internal void OnSourceEnded(FanOutStreamId id)
    {
        if (_links.TryGetValue(id, out var link))
        {
            link.ProducerSilo = null;
            _ = Task.Run(() => AttachAsync(link, reattach: true));
        }
    }

    // Called under a stream's lock: the link's cancellation (which may run an attach loop's continuation) runs elsewhere.
    private static void EndLater(RelayLink link) => _ = Task.Run(link.End);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => WatchMembershipAsync(_stopping.Token));
        _ = Task.Run(() => RefreshAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    // Renews every attachment: the producer's silo drops a forwarder whose call failed (a timeout under load), and a
    // producer may have moved without this silo hearing of it; a renewal restores the first and announces the second.
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var link in _links.Values)
                {
                    if (link.ProducerSilo is not { } before || link.Ended.IsCancellationRequested)
                    {
                        continue; // Not attached yet, or an attach loop is running.
                    }

                    try
                    {
                        var source = RelayedStreams.GetSource(Grains, link.Stream.Namespace, link.Stream.Key);
                        var attachment = await source.AttachRelayAsync(link.Stream.Namespace, LocalSilo, link.Kind.GetObserver(this)).ConfigureAwait(false);
                        if (!before.Equals(attachment.ProducerSilo))
                        {
                            link.ProducerSilo = attachment.ProducerSilo;
                            await link.Kind.AnnounceReattachedAsync(Grains, Streams, link.Stream).ConfigureAwait(false);
                        }
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        // The next renewal, a membership change or an end notice tries again.
                        LogRefreshFailed(_logger, link.Stream, ex.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Silo stopping.
        }
    }

    private Task OnStopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        foreach (var id in _links.Keys)
        {
            Stopped(id);
        }

        return Task.CompletedTask;
    }

    private async Task AttachAsync(RelayLink link, bool reattach)
    {
        var delay = reattach ? _options.ReattachDelay : TimeSpan.Zero;
        var attempt = link.NextAttempt();
        var failures = 0;
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, link.Ended).ConfigureAwait(false);
            }

            while (link.IsCurrent(attempt))
            {
                try
                {
                    var source = RelayedStreams.GetSource(Grains, link.Stream.Namespace, link.Stream.Key);
                    var attachment = await source.AttachRelayAsync(link.Stream.Namespace, LocalSilo, link.Kind.GetObserver(this)).ConfigureAwait(false);
                    if (link.IsCurrent(attempt))
                    {
                        link.ProducerSilo = attachment.ProducerSilo;
                        if (reattach)
                        {
                            // The first attachment needs no announcement: it is made before the subscriber's own snapshot.
                            await link.Kind.AnnounceReattachedAsync(Grains, Streams, link.Stream).ConfigureAwait(false);
                        }
                    }

                    return;
                }
                catch (Exception ex) when (!link.Ended.IsCancellationRequested)
                {
                    if (failures++ == 0)
                    {
                        LogAttachFailed(_logger, link.Stream, _options.RetryDelay, ex.Message);
                    }

                    await Task.Delay(_options.RetryDelay, _time, link.Ended).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (link.Ended.IsCancellationRequested)
        {
            // The last local subscriber left while waiting.
        }
    }

    private async Task WatchMembershipAsync(CancellationToken cancellationToken)
    {
        var membership = _services.GetRequiredService<IClusterMembershipService>();
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status != SiloStatus.Dead || !dead.Add(member.SiloAddress))
                    {
                        continue;
                    }

                    foreach (var link in _links.Values)
                    {
                        if (member.SiloAddress.Equals(link.ProducerSilo))
                        {
                            LogProducerSiloDead(_logger, link.Stream, member.SiloAddress);
                            OnSourceEnded(link.Stream);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Silo stopping.
        }
    }

    [LoggerMessage(EventId = 1212, EventName = "RelayAttachFailed", Level = LogLevel.Warning, Message = "Could not attach to the producer of {Stream} (retrying every {RetryDelay}, logged once per attempt series): {Error}")]
    private static partial void LogAttachFailed(ILogger logger, FanOutStreamId stream, TimeSpan retryDelay, string error);

    [LoggerMessage(EventId = 1214, EventName = "RelayRefreshFailed", Level = LogLevel.Debug, Message = "Could not renew the attachment to the producer of {Stream}: {Error}")]
    private static partial void LogRefreshFailed(ILogger logger, FanOutStreamId stream, string error);

    [LoggerMessage(EventId = 1213, EventName = "RelayProducerSiloDead", Level = LogLevel.Information, Message = "The producer of {Stream} was on silo {Silo}, now dead: attaching to its next activation")]
    private static partial void LogProducerSiloDead(ILogger logger, FanOutStreamId stream, SiloAddress silo);
}
