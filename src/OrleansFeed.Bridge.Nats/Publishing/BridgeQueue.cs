using System.Threading.Channels;
using OrleansFeed.Bridge.Nats.Status;

namespace OrleansFeed.Bridge.Nats.Publishing;

/// <summary>
/// The bridge's bounded outbound queue between the silo streams and the NATS publisher. Policy: <b>drop newest</b>:
/// when full, the message being offered is discarded and counted in <see cref="NatsBridgeStatus.DroppedQueueFull"/>;
/// the producer (a stream pump) never waits, so publishing never slows ingest. The newest dropped message of each
/// subject is kept aside (one per subject, replacing the previous one) and published once the queue has drained
/// (<see cref="TryTakeDeferred"/>), unless a later message of that subject got in meanwhile.
/// </summary>
/// <remarks>
/// A dropped book delta shows up downstream as a jump in <c>Md-Seq</c>, which consumers heal with a snapshot
/// (docs/nats-bridge.md, "Gap recovery"). Keeping the newest dropped message per subject makes that jump visible even
/// when a burst's drops took a book's last messages and the book then goes quiet (the start-up burst), and leaves
/// the newest value of the full-value subjects (NBBO, stats, candles) right. Thread-safe: many producers, one reader
/// (the publisher).
/// </remarks>
public sealed class BridgeQueue
{
    private readonly Channel<OutboundMessage> _channel;
    private readonly NatsBridgeStatus _status;
    private readonly BridgeBufferPool _buffers;
    private readonly Dictionary<string, OutboundMessage> _deferred = new(StringComparer.Ordinal);
    private readonly Lock _deferredLock = new();
    private int _deferredCount;

    /// <summary>Creates the queue.</summary>
    /// <param name="capacity">Messages held at most; 1..16,777,216.</param>
    /// <param name="status">Counters to update.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    public BridgeQueue(int capacity, NatsBridgeStatus status)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _status = status;
        _buffers = new BridgeBufferPool(capacity);
        _channel = Channel.CreateBounded<OutboundMessage>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>Capacity in messages.</summary>
    public int Capacity { get; }

    /// <summary>Messages queued now.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>The reader side (one reader: the publisher).</summary>
    public ChannelReader<OutboundMessage> Reader => _channel.Reader;

    /// <summary>Rents a payload buffer from the queue's own pool (see <see cref="BridgeBufferPool"/>).</summary>
    /// <param name="minimumLength">Bytes needed, 0 or more.</param>
    /// <returns>A buffer of at least <paramref name="minimumLength"/> bytes; contents undefined. Thread-safe.</returns>
    public byte[] Rent(int minimumLength) => _buffers.Rent(minimumLength);

    /// <summary>Returns a payload buffer taken out of the queue (the publisher after sending); thread-safe.</summary>
    /// <param name="buffer">A buffer from <see cref="Rent"/>; any other array is left to the GC.</param>
    public void Return(byte[] buffer) => _buffers.Return(buffer);

    /// <summary>Offers a message; never waits.</summary>
    /// <param name="message">The message; when it is dropped it is kept aside as its subject's newest dropped message
    /// (the one it replaces goes back to the pool).</param>
    /// <returns>False when dropped (queue full or completed).</returns>
    public bool TryEnqueue(in OutboundMessage message)
    {
        if (_channel.Writer.TryWrite(message))
        {
            _status.OnEnqueued();
            if (Volatile.Read(ref _deferredCount) != 0)
            {
                // A later message of the subject is on its way: it shows the gap (books) or the newer value itself.
                lock (_deferredLock)
                {
                    if (_deferred.Remove(message.Subject, out var older))
                    {
                        _buffers.Return(older.Buffer);
                        Volatile.Write(ref _deferredCount, _deferred.Count);
                    }
                }
            }

            return true;
        }

        _status.OnDroppedQueueFull();
        Defer(message);
        return false;
    }

    /// <summary>
    /// Keeps a message that could not be sent now (queue full, or NATS not connected yet) as its subject's newest
    /// unsent message, replacing (and returning the buffer of) the one kept before; sent by the publisher later.
    /// </summary>
    /// <param name="message">The message; the queue owns its buffer from now on.</param>
    public void Defer(in OutboundMessage message)
    {
        lock (_deferredLock)
        {
            if (_deferred.Remove(message.Subject, out var previous))
            {
                _buffers.Return(previous.Buffer);
            }

            _deferred[message.Subject] = message;
            Volatile.Write(ref _deferredCount, _deferred.Count);
        }
    }

    /// <summary>Messages kept aside (the newest dropped message of a subject), waiting for the queue to drain.</summary>
    public int DeferredCount => Volatile.Read(ref _deferredCount);

    /// <summary>
    /// Takes one message kept aside by a drop, for the publisher to send now that the queue has drained; its buffer
    /// is returned by the caller like any dequeued message's.
    /// </summary>
    /// <param name="message">The message, when one was taken.</param>
    /// <returns>False when none is waiting.</returns>
    public bool TryTakeDeferred(out OutboundMessage message)
    {
        message = default;
        if (Volatile.Read(ref _deferredCount) == 0)
        {
            return false;
        }

        lock (_deferredLock)
        {
            foreach (var (subject, kept) in _deferred)
            {
                _deferred.Remove(subject);
                Volatile.Write(ref _deferredCount, _deferred.Count);
                message = kept;
                _status.OnRecoveredDeferred();
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the buffers of the messages still kept aside (at stop).</summary>
    public void ClearDeferred()
    {
        lock (_deferredLock)
        {
            foreach (var kept in _deferred.Values)
            {
                _buffers.Return(kept.Buffer);
            }

            _deferred.Clear();
            Volatile.Write(ref _deferredCount, 0);
        }
    }

    /// <summary>Stops accepting messages; the reader drains what is left.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
