using System.Text;
using System.Threading.Channels;
using OrleansFeed.Nats.Internal;

namespace OrleansFeed.Nats;

/// <summary>
/// One core NATS subscription (SUB). Messages arrive in <see cref="Msgs"/>, a bounded channel with one reader;
/// dispose to unsubscribe (UNSUB) and complete the channel.
/// </summary>
/// <remarks>
/// When the channel is full the newest message is dropped and counted in <see cref="DroppedCount"/>, and
/// <see cref="NatsConnection.SlowConsumerDetected"/> is raised once per episode (an episode ends when a message fits
/// again). The subscription survives reconnects: it is re-sent with the same sid. Read <see cref="Msgs"/> from one
/// task at a time.
/// </remarks>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#sub"/>
public sealed class NatsSubscription : IAsyncDisposable, ISubscriptionTarget
{
    private readonly NatsConnection _connection;
    private readonly Channel<NatsMsg> _channel;
    private readonly byte[] _subjectUtf8;
    private long _dropped;
    private int _slow;
    private int _disposed;

    internal NatsSubscription(NatsConnection connection, long sid, string subject, string? queueGroup, NatsSubOpts opts)
    {
        _connection = connection;
        Sid = sid;
        Subject = subject;
        QueueGroup = queueGroup;
        _subjectUtf8 = Encoding.UTF8.GetBytes(subject);
        _channel = Channel.CreateBounded<NatsMsg>(new BoundedChannelOptions(opts.ChannelCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>The subscription id on the wire (unique per connection, kept across reconnects).</summary>
    public long Sid { get; }

    /// <summary>The subject or wildcard subscribed to.</summary>
    public string Subject { get; }

    /// <summary>Queue group: each message goes to one member of the group; null for none.</summary>
    public string? QueueGroup { get; }

    /// <summary>The received messages; completes after <see cref="DisposeAsync"/> or when the connection is disposed.</summary>
    public ChannelReader<NatsMsg> Msgs => _channel.Reader;

    /// <summary>Messages dropped because <see cref="Msgs"/> was full (cumulative).</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Sends UNSUB (when connected), stops delivery and completes <see cref="Msgs"/>. Idempotent; does not throw.</summary>
    /// <returns>Completes when UNSUB is queued for the socket.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _connection.UnsubscribeAsync(Sid).ConfigureAwait(false);
        }
        catch (NatsException)
        {
            // Closed connection: there is no server-side subscription left to remove.
        }

        _channel.Writer.TryComplete();
    }

    internal void Complete() => _channel.Writer.TryComplete();

    void ISubscriptionTarget.Deliver(in ServerOp op, NatsConnection connection)
    {
        var msg = MsgFactory.Create(op, this, _subjectUtf8, connection);
        if (_channel.Writer.TryWrite(msg))
        {
            Volatile.Write(ref _slow, 0);
            return;
        }

        OnFull();
    }

    private void OnFull()
    {
        var dropped = Interlocked.Increment(ref _dropped);
        if (Interlocked.Exchange(ref _slow, 1) == 0 && Volatile.Read(ref _disposed) == 0)
        {
            _connection.OnSlowConsumer(this, dropped);
        }
    }
}
