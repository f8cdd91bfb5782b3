using System.Globalization;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using OrleansFeed.Bridge.Nats.Internal;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Bridge.Nats.Subjects;
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
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
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

    // Wire order (docs/nats-bridge.md, "Headers"): book Md-Seq, Md-Epoch, Md-Kind, Md-Source; trades/candles
    // Md-Seq, Md-Source, Nats-Msg-Id; the rest Md-Seq, Md-Source.
    // NatsHeaders keeps insertion order on the wire (no header is ever removed from it).
    private NatsHeaders HeadersFor(in OutboundMessage message)
    {
        var headers = new NatsHeaders { [MdHeaders.Sequence] = message.Sequence.ToString(CultureInfo.InvariantCulture) };
        if (message.Kind is not null)
        {
            headers[MdHeaders.Epoch] = message.Epoch.ToString(CultureInfo.InvariantCulture);
            headers[MdHeaders.Kind] = message.Kind;
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
