using System.Threading.Channels;
using OrleansFeed.Bridge.Nats.Status;

namespace OrleansFeed.Bridge.Nats.Publishing;

/// <summary>
/// The bridge's bounded outbound queue between the silo streams and the NATS publisher. Policy: <b>drop newest</b>:
/// when full, the message being offered is discarded and counted in <see cref="NatsBridgeStatus.DroppedQueueFull"/>;
/// the producer (a stream pump) never waits, so publishing never slows ingest.
/// </summary>
/// <remarks>
/// A dropped book delta shows up downstream as a jump in <c>Md-Seq</c>, which consumers heal with a snapshot
/// (docs/nats-bridge.md, "Gap recovery"). Thread-safe: many producers, one reader (the publisher).
/// </remarks>
public sealed class BridgeQueue
{
    private readonly Channel<OutboundMessage> _channel;
    private readonly NatsBridgeStatus _status;
    private readonly BridgeBufferPool _buffers;

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
    /// <param name="message">The message; its buffer is returned to the pool here when it is dropped.</param>
    /// <returns>False when dropped (queue full or completed).</returns>
    public bool TryEnqueue(in OutboundMessage message)
    {
        if (_channel.Writer.TryWrite(message))
        {
            _status.OnEnqueued();
            return true;
        }

        _buffers.Return(message.Buffer);
        _status.OnDroppedQueueFull();
        return false;
    }

    /// <summary>Stops accepting messages; the reader drains what is left.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
