using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using OrleansFeed.Bridge.Nats.Internal;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Grains.Subjects;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Bridge.Nats.Publishing;

/// <summary>
/// The single reader of the <see cref="BridgeQueue"/>: sets the headers and publishes each message on the current
/// NATS connection. While there is no connection (first connect pending) or the reconnect buffer is full, messages
/// are dropped and counted; it never waits for NATS to come back.
/// </summary>
/// <remarks>NATS.Net takes headers as a <see cref="NatsHeaders"/> dictionary, which it marks read-only once sent: each
/// message gets a new one, with its numbers formatted as strings (docs/benchmarks.md counts these allocations). The
/// payload is the queue's pooled buffer, copied into the connection's write buffer before the publish call completes.</remarks>
public sealed class BridgePublisher
{
    private readonly BridgeQueue _queue;
    private readonly NatsBridgeStatus _status;
    private readonly Func<NatsConnection?> _connection;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private static readonly TimeSpan DeferredRetry = TimeSpan.FromMilliseconds(200);
    private readonly string _source;
    private bool _failing;

    /// <summary>Creates the publisher.</summary>
    /// <param name="queue">Queue to drain.</param>
    /// <param name="status">Counters.</param>
    /// <param name="connection">Gives the current connection, or null while none is usable.</param>
    /// <param name="source">This bridge instance's id (<c>Md-Source</c> header).</param>
    /// <param name="time">Clock for the receive-to-publish latency.</param>
    /// <param name="logger">Logger.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> is empty or has CR or LF.</exception>
    public BridgePublisher(BridgeQueue queue, NatsBridgeStatus status, Func<NatsConnection?> connection, string source, TimeProvider time, ILogger logger)
    {
        _queue = queue;
        _status = status;
        _connection = connection;
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (source.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("The bridge source id cannot contain CR or LF.", nameof(source));
        }

        _source = source;
        _time = time;
        _logger = logger;
    }

    /// <summary>Publishes until the queue completes or <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>Completes when the loop ends. Does not throw.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        try
        {
            while (await WaitAsync(reader, cancellationToken).ConfigureAwait(false))
            {
                // Drained: the newest message of each subject that a burst dropped, or that found NATS not connected
                // yet (the start-up burst), goes out now (docs/nats-bridge.md, "Drop policy").
                while (reader.TryRead(out var message) || (IsUsable(_connection()) && _queue.TryTakeDeferred(out message)))
                {
                    if (!IsUsable(_connection()))
                    {
                        _status.OnDroppedDisconnected();
                        OnFailure("not connected", message.Subject);
                        _queue.Defer(message);
                        continue;
                    }

                    try
                    {
                        await PublishOneAsync(message, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        _queue.Return(message.Buffer);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // Only an open connection takes publishes; while there is none (first connect pending, reconnecting) the newest
    // message of each subject is kept aside and sent once it is open again.
    private static bool IsUsable(NatsConnection? connection) =>
        connection is not null && connection.ConnectionState is NatsConnectionState.Open;

    // Waits for a message; while messages are kept aside it also wakes every DeferredRetry to send them once NATS is
    // connected (no new message may come to wake it: the start-up burst is over and the books are quiet).
    private async ValueTask<bool> WaitAsync(ChannelReader<OutboundMessage> reader, CancellationToken cancellationToken)
    {
        if (_queue.DeferredCount == 0)
        {
            return await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }

        using var retry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        retry.CancelAfter(DeferredRetry);
        try
        {
            return await reader.WaitToReadAsync(retry.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return !reader.Completion.IsCompleted;
        }
    }

    /// <summary>Publishes one message with its headers (used by the loop and the benchmark).</summary>
    /// <param name="message">The message; its buffer is not returned here.</param>
    /// <param name="cancellationToken">Cancels a wait for socket write space.</param>
    /// <returns>Completes when handed to the connection or counted as dropped.</returns>
    public async ValueTask PublishOneAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var connection = _connection();
        // Only an open connection takes publishes: while NATS reconnects the bridge drops and counts (the client would
        // otherwise hold the publish until the server is back), and consumers recover by sequence.
        if (connection is null || connection.ConnectionState is not NatsConnectionState.Open)
        {
            _status.OnDroppedDisconnected();
            OnFailure("not connected", message.Subject);
            return;
        }

        try
        {
            await connection.PublishAsync<ReadOnlyMemory<byte>>(message.Subject, message.Buffer.AsMemory(0, message.Length), HeadersFor(message), cancellationToken: cancellationToken).ConfigureAwait(false);
            _status.OnPublished();
            _failing = false;
            if (!message.ReceiveTime.IsNone)
            {
                _status.OnLatency(Timestamp.Now(_time).UnixMicroseconds - message.ReceiveTime.UnixMicroseconds);
            }
        }
        catch (Exception ex) when (ex is NatsException && connection.ConnectionState is not NatsConnectionState.Open)
        {
            // Lost between the state check and the write (or timed out waiting for the reconnect).
            _status.OnDroppedDisconnected();
            OnFailure("connection lost", message.Subject);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _status.OnPublishError();
            OnFailure(ex.Message, message.Subject);
        }
    }

    // Wire order (docs/nats-bridge.md, "Headers"): book Md-Seq, Md-Epoch, Md-Kind, Md-Sync-State, Md-Source; trades/candles
    // Md-Seq, Md-Source, Nats-Msg-Id; the rest Md-Seq, Md-Source.
    // NatsHeaders keeps insertion order on the wire (no header is ever removed from it).
    private NatsHeaders HeadersFor(in OutboundMessage message)
    {
        var headers = new NatsHeaders { [MdHeaders.Sequence] = message.Sequence.ToString(CultureInfo.InvariantCulture) };
        if (message.Kind is not null)
        {
            headers[MdHeaders.Epoch] = message.Epoch.ToString(CultureInfo.InvariantCulture);
            headers[MdHeaders.Kind] = message.Kind;
            if (message.SyncState is not null)
            {
                headers[MdHeaders.SyncState] = message.SyncState;
            }

            headers[MdHeaders.Source] = _source;
            return headers;
        }

        headers[MdHeaders.Source] = _source;
        if (message.MsgId is not null)
        {
            headers[MdHeaders.MsgId] = message.MsgId;
        }

        return headers;
    }

    private void OnFailure(string reason, string subject)
    {
        // One log line per episode: the counters carry the volume.
        if (!_failing)
        {
            _failing = true;
            _logger.PublishFailing(reason, subject);
        }
    }
}
