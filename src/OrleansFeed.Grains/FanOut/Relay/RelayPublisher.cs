using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using OrleansFeed.Grains.Relay;

namespace OrleansFeed.Grains.FanOut.Relay;

/// <summary>
/// The producer side of the cross-silo relay, one per silo: the observers attached to streams produced here
/// (<see cref="IRelaySourceGrain"/>), one <see cref="RelayForwarder"/> per stream and remote observer, and the
/// same-silo observers that only need to hear when the producer ends. Thread-safe.
/// </summary>
public sealed partial class RelayPublisher : IAsyncDisposable, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<(FanOutStreamId Stream, GrainId Observer), Attachment> _attachments = new();
    private readonly InMemoryStreamProvider _streams;
    private readonly ILocalSiloDetails _silo;
    private readonly RelayOptions _options;
    private readonly ILogger<RelayPublisher> _logger;
    private int _siloStopping;

    /// <summary>Created by the silo's container.</summary>
    /// <param name="streams">The silo-local fan-out whose streams are forwarded.</param>
    /// <param name="silo">This silo's address.</param>
    /// <param name="options">Queue and batch sizes.</param>
    /// <param name="logger">Logger.</param>
    public RelayPublisher(InMemoryStreamProvider streams, ILocalSiloDetails silo, RelayOptions options, ILogger<RelayPublisher> logger)
    {
        _streams = streams;
        _silo = silo;
        _options = options;
        _logger = logger;
    }

    /// <summary>Streams forwarded to remote observers right now (diagnostics and tests).</summary>
    public int ForwardingCount => _attachments.Values.Count(a => a.Forwarder is not null);

    /// <summary>Events forwarded so far by the current forwarders of <paramref name="stream"/> (one count per remote observer).</summary>
    /// <param name="stream">The stream.</param>
    /// <returns>The sum over its forwarders.</returns>
    public long ForwardedOf(FanOutStreamId stream) => _attachments.Where(a => a.Key.Stream == stream && a.Value.Forwarder is not null).Sum(a => a.Value.Forwarder!.Forwarded);

    /// <summary>
    /// Attaches <paramref name="observer"/> to the local stream <paramref name="stream"/> of producer <paramref name="source"/>;
    /// a second attach of the same pair keeps the first.
    /// </summary>
    /// <param name="source">The producer grain (its deactivation ends the attachment).</param>
    /// <param name="stream">The relayed stream.</param>
    /// <param name="subscriberSilo">The observer's silo; this silo means "only tell me when the producer ends".</param>
    /// <param name="observer">The observer.</param>
    /// <returns>This silo, and whether events are forwarded.</returns>
    /// <exception cref="ArgumentException">The namespace is not relayed.</exception>
    public RelayAttachment Attach(GrainId source, FanOutStreamId stream, SiloAddress? subscriberSilo, IRelayObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (!RelayKind.TryGet(stream.Namespace, out var kind))
        {
            throw new ArgumentException($"Stream namespace '{stream.Namespace}' is not relayed across silos.", nameof(stream));
        }

        var local = _silo.SiloAddress.Equals(subscriberSilo);
        var key = (stream, observer.GetGrainId());
        var attachment = _attachments.GetOrAdd(key, static (key, args) => new Attachment(args.source, args.observer), (source, observer));
        if (!local && attachment.Forwarder is null)
        {
            lock (attachment)
            {
                attachment.Forwarder ??= kind.CreateForwarder(_streams, stream, source, observer, _options, forwarder => Remove(key, forwarder));
            }

            LogAttached(_logger, stream, subscriberSilo?.ToString() ?? "a cluster client");
        }

        return new RelayAttachment(_silo.SiloAddress, !local);
    }

    /// <summary>
    /// The producer <paramref name="source"/> was deactivated: ends its attachments and tells each observer, so it
    /// attaches again to the producer's next activation (wherever that runs).
    /// </summary>
    /// <param name="source">The producer grain.</param>
    /// <returns>Completes when the forwarders are stopped (the notifications go on in the background).</returns>
    public async Task EndSourceAsync(GrainId source)
    {
        foreach (var (key, attachment) in _attachments.ToArray())
        {
            if (attachment.Source != source || !_attachments.TryRemove(new KeyValuePair<(FanOutStreamId, GrainId), Attachment>(key, attachment)))
            {
                continue;
            }

            if (attachment.Forwarder is { } forwarder)
            {
                await forwarder.DisposeAsync().ConfigureAwait(false);
            }

            // A same-silo observer (no forwarder) stops with this silo: telling it would only fail.
            if (attachment.Forwarder is not null || Volatile.Read(ref _siloStopping) == 0)
            {
                _ = NotifyEndedAsync(attachment.Observer, key.Stream);
            }
        }
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);

        // Stopping Active comes before the grains are deactivated at shutdown.
        lifecycle.Subscribe(nameof(RelayPublisher), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ =>
        {
            Volatile.Write(ref _siloStopping, 1);
            return Task.CompletedTask;
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var attachment in _attachments.Values)
        {
            if (attachment.Forwarder is { } forwarder)
            {
                await forwarder.DisposeAsync().ConfigureAwait(false);
            }
        }

        _attachments.Clear();
    }

    private void Remove((FanOutStreamId, GrainId) key, RelayForwarder forwarder)
    {
        if (_attachments.TryGetValue(key, out var attachment) && attachment.Forwarder == forwarder)
        {
            _attachments.TryRemove(new KeyValuePair<(FanOutStreamId, GrainId), Attachment>(key, attachment));
        }
    }

    private async Task NotifyEndedAsync(IRelayObserver observer, FanOutStreamId stream)
    {
        try
        {
            await observer.OnSourceEndedAsync(stream.Namespace, stream.Key).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The observer's silo is gone or stopping too; it re-attaches on its own when it sees the membership change.
            LogEndNotificationFailed(_logger, stream, ex.Message);
        }
    }

    private sealed class Attachment(GrainId source, IRelayObserver observer)
    {
        public GrainId Source { get; } = source;

        public IRelayObserver Observer { get; } = observer;

        public RelayForwarder? Forwarder { get; set; }
    }

    [LoggerMessage(EventId = 1210, EventName = "RelayAttached", Level = LogLevel.Debug, Message = "Stream {Stream} now relayed to {Subscriber}")]
    private static partial void LogAttached(ILogger logger, FanOutStreamId stream, string subscriber);

    [LoggerMessage(EventId = 1211, EventName = "RelayEndNotificationFailed", Level = LogLevel.Debug, Message = "Could not tell a subscriber that the producer of {Stream} ended: {Error}")]
    private static partial void LogEndNotificationFailed(ILogger logger, FanOutStreamId stream, string error);
}
