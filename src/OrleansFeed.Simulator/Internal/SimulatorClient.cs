using System.Net.WebSockets;
using System.Threading.Channels;
using OrleansFeed.Simulator.Venues;

namespace OrleansFeed.Simulator.Internal;

/// <summary>
/// One connected WebSocket client: its route, its subscribed streams and its bounded send queue. The playback
/// loop and fault injection enqueue with <see cref="TryEnqueue"/>; one send loop drains the queue to the socket.
/// </summary>
/// <remarks>Thread-safe. Subscriptions are replaced copy-on-write so the broadcaster reads them without a lock.</remarks>
internal sealed class SimulatorClient
{
    private readonly Channel<(ReadOnlyMemory<byte> Frame, ReadOnlyMemory<byte>[]? Batch)> _queue;
    private readonly Lock _subscriptionLock = new();
    private volatile HashSet<string> _streams;
    private volatile HashSet<string> _keys = new(StringComparer.Ordinal);

    public SimulatorClient(long id, WebSocket socket, StreamRoute route, bool combined, int capacity, IEnumerable<string> streams)
    {
        Id = id;
        Socket = socket;
        Route = route;
        Combined = combined;
        _streams = new HashSet<string>(streams.Select(static s => s.ToLowerInvariant()), StringComparer.Ordinal);
        _queue = Channel.CreateBounded<(ReadOnlyMemory<byte> Frame, ReadOnlyMemory<byte>[]? Batch)>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public long Id { get; }

    public WebSocket Socket { get; }

    public StreamRoute Route { get; }

    /// <summary>True for <c>/stream</c> clients (wrapped payloads), false for raw <c>/ws</c> clients.</summary>
    public bool Combined { get; }

    public bool HasSubscriptions => _streams.Count > 0 || _keys.Count > 0;

    /// <summary>The venue plug-in of a <c>/{venue}</c> client, or null for a Binance client.</summary>
    public SimulatedVenue? Venue { get; init; }

    /// <summary>Per-connection venue state (non-Binance clients).</summary>
    public SimulatedSession? Session { get; init; }

    /// <summary>Subscription keys (<see cref="SubscriptionKey"/>) of a venue client; replaced whole under the playback lock.</summary>
    public HashSet<string> Keys
    {
        get => _keys;
        set => _keys = value;
    }

    /// <summary>Whether a venue client receives frames of the key.</summary>
    public bool HasKey(string key) => _keys.Contains(key);

    public IReadOnlyCollection<string> Streams => _streams;

    /// <summary>Whether this client receives a frame: subscribed to its stream and on a route that carries it.</summary>
    public bool Wants(PlaybackFrame frame) => Venue is null && frame.Venue is null && StreamNames.Delivers(Route, frame.Route) && _streams.Contains(frame.Stream);

    public bool IsSubscribed(string stream) => _streams.Contains(stream);

    public void Subscribe(IEnumerable<string> streams, bool add)
    {
        lock (_subscriptionLock)
        {
            var next = new HashSet<string>(_streams, StringComparer.Ordinal);
            foreach (var stream in streams)
            {
                if (add)
                {
                    next.Add(stream.ToLowerInvariant());
                }
                else
                {
                    next.Remove(stream.ToLowerInvariant());
                }
            }

            _streams = next;
        }
    }

    /// <summary>
    /// A stalled connection (fault injection): accepted and subscribed like any other, but every frame queued to it is
    /// discarded, so it never sends a thing (replies, played frames, catch-ups).
    /// </summary>
    public bool Stalled { get; init; }

    /// <summary>Queues a text frame; false when the queue is full (the caller disconnects the client).</summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> frame) => Stalled || _queue.Writer.TryWrite((frame, null));

    /// <summary>Queues frames as ONE queue entry (a snapshot catch-up can be longer than the slow-client limit,
    /// which is about live frames piling up, not about one resync burst).</summary>
    public bool TryEnqueueBatch(ReadOnlyMemory<byte>[] frames) => Stalled || _queue.Writer.TryWrite((default, frames));

    /// <summary>Ends the send loop after what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Drops the connection without a close handshake (a venue resetting the socket).</summary>
    public void Abort()
    {
        _queue.Writer.TryComplete();
        Socket.Abort();
    }

    /// <summary>Sends queued frames until the queue completes or the socket fails.</summary>
    /// <returns>The number of frames sent is reported through <paramref name="sent"/>.</returns>
    public async Task SendLoopAsync(Action sent, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (frame, batch) in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (batch is null)
                {
                    await Socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                    sent();
                    continue;
                }

                foreach (var item in batch)
                {
                    await Socket.SendAsync(item, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                    sent();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket went away (client closed, aborted, or the simulator is stopping): nothing left to send to.
        }
    }
}
