using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace OrleansFeed.Grains.FanOut;

/// <summary>
/// One subscriber's bounded queue and its single pump, which calls the handler in publish order, one event at
/// a time. A handler exception is counted, logged once per subscription, and the pump goes on with the next
/// event: one bad event never stops a pipeline.
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
internal sealed partial class StreamSubscription<T> : IStreamSubscription
{
    /// <summary>Largest allowed capacity (16,777,216 events), as documented on the options.</summary>
    public const int MaxCapacity = 16_777_216;

    private readonly InMemoryStream<T> _stream;
    private readonly Func<T, ValueTask> _handler;
    private readonly Channel<T> _channel;
    private readonly ILogger _logger;
    private int _inHandler;
    private long _dropped;
    private long _handlerFaults;
    private int _disposed;

    public StreamSubscription(InMemoryStream<T> stream, Func<T, ValueTask> handler, StreamSubscriptionOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Capacity, MaxCapacity, nameof(options));
        _stream = stream;
        _handler = handler;
        _logger = logger;
        var channelOptions = new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            // The producer is an ingest loop: the handler must never run on its stack.
            AllowSynchronousContinuations = false,
            FullMode = options.OverflowPolicy switch
            {
                StreamOverflowPolicy.DropOldest => BoundedChannelFullMode.DropOldest,
                StreamOverflowPolicy.DropNewest => BoundedChannelFullMode.DropWrite,
                _ => BoundedChannelFullMode.Wait,
            },
        };
        _channel = options.OverflowPolicy == StreamOverflowPolicy.Wait
            ? Channel.CreateBounded<T>(channelOptions)
            : Channel.CreateBounded<T>(channelOptions, OnItemDropped);
    }

    public FanOutStreamId FanOutStreamId => _stream.Id;

    public int Pending => Volatile.Read(ref _disposed) != 0 ? 0 : _channel.Reader.Count + Volatile.Read(ref _inHandler);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long HandlerFaults => Interlocked.Read(ref _handlerFaults);

    public void Start() => _ = PumpAsync();

    /// <summary>Queues without waiting. False only under policy Wait with a full queue.</summary>
    public bool TryEnqueue(T item)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return true;
        }

        return _channel.Writer.TryWrite(item) || Volatile.Read(ref _disposed) != 0;
    }

    /// <summary>Waits for room (policy Wait); an event for a subscription disposed meanwhile is discarded.</summary>
    public async ValueTask EnqueueAsync(T item, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Unsubscribed while waiting: nobody to deliver to.
        }
    }

    /// <summary>
    /// Unsubscribes and drops pending events. Does not wait for a handler call in progress (an in-turn handler
    /// may be queued behind the very turn that disposes it).
    /// </summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stream.Remove(this);
            _channel.Writer.TryComplete();
        }

        return ValueTask.CompletedTask;
    }

    private void OnItemDropped(T item) => Interlocked.Increment(ref _dropped);

    private async Task PumpAsync()
    {
        var reader = _channel.Reader;

        // No cancellation token here: the reader's pooled waiter is reused only without one, keeping the
        // pump allocation-free. Dispose completes the writer instead.
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // _inHandler is raised before TryRead so an event is always counted, queued or in hand, until handled.
            while (true)
            {
                Volatile.Write(ref _inHandler, 1);
                if (!reader.TryRead(out var item))
                {
                    Volatile.Write(ref _inHandler, 0);
                    break;
                }

                if (Volatile.Read(ref _disposed) != 0)
                {
                    Volatile.Write(ref _inHandler, 0);
                    return;
                }

                try
                {
                    await _handler(item).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    if (Interlocked.Increment(ref _handlerFaults) == 1)
                    {
                        LogHandlerFaulted(_logger, FanOutStreamId, ex);
                    }
                }
            }
        }
    }

    [LoggerMessage(EventId = 1200, EventName = "FanOutHandlerFaulted", Level = LogLevel.Warning, Message = "Handler of a subscription to stream {StreamId} threw; the event is counted as a fault and the subscription continues (logged once per subscription)")]
    private static partial void LogHandlerFaulted(ILogger logger, FanOutStreamId streamId, Exception exception);
}
