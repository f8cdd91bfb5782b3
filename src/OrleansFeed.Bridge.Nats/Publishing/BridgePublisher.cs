using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansFeed.Bridge.Nats.Internal;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Bridge.Nats.Subjects;
using OrleansFeed.Core.Time;
using OrleansFeed.Nats;

namespace OrleansFeed.Bridge.Nats.Publishing;

/// <summary>
/// The single reader of the <see cref="BridgeQueue"/>: sets the headers and publishes each message on the current
/// NATS connection. While there is no connection (first connect pending) or the reconnect buffer is full, messages
/// are dropped and counted; it never waits for NATS to come back.
/// </summary>
/// <remarks>Header objects are reused per message shape: the connection copies them into its buffer before
/// <see cref="NatsConnection.PublishAsync"/> completes.</remarks>
public sealed class BridgePublisher
{
    private readonly BridgeQueue _queue;
    private readonly NatsBridgeStatus _status;
    private readonly Func<NatsConnection?> _connection;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _source;
    private readonly NatsHeaders _bookHeaders = new();
    private readonly NatsHeaders _plainHeaders = new();
    private readonly NatsHeaders _msgIdHeaders = new();
    private bool _failing;

    /// <summary>Creates the publisher.</summary>
    /// <param name="queue">Queue to drain.</param>
    /// <param name="status">Counters.</param>
    /// <param name="connection">Gives the current connection, or null while none is usable.</param>
    /// <param name="source">This bridge instance's id (<c>Md-Source</c> header).</param>
    /// <param name="time">Clock for the receive-to-publish latency.</param>
    /// <param name="logger">Logger.</param>
    public BridgePublisher(BridgeQueue queue, NatsBridgeStatus status, Func<NatsConnection?> connection, string source, TimeProvider time, ILogger logger)
    {
        _queue = queue;
        _status = status;
        _connection = connection;
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
                        ArrayPool<byte>.Shared.Return(message.Buffer);
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
        if (connection is null || connection.ConnectionState is not (NatsConnectionState.Open or NatsConnectionState.Reconnecting))
        {
            _status.OnDroppedDisconnected();
            OnFailure("not connected", message.Subject);
            return;
        }

        try
        {
            await connection.PublishAsync(message.Subject, message.Buffer.AsMemory(0, message.Length), HeadersFor(message), cancellationToken: cancellationToken).ConfigureAwait(false);
            _status.OnPublished();
            _failing = false;
            if (!message.ReceiveTime.IsNone)
            {
                _status.OnLatency(Timestamp.Now(_time).UnixMicroseconds - message.ReceiveTime.UnixMicroseconds);
            }
        }
        catch (NatsReconnectBufferFullException)
        {
            _status.OnDroppedDisconnected();
            OnFailure("reconnect buffer full", message.Subject);
        }
        catch (NatsConnectionException)
        {
            _status.OnDroppedDisconnected();
            OnFailure("connection closed", message.Subject);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _status.OnPublishError();
            OnFailure(ex.Message, message.Subject);
        }
    }

    private NatsHeaders HeadersFor(in OutboundMessage message)
    {
        var sequence = message.Sequence.ToString(CultureInfo.InvariantCulture);
        if (message.Kind is not null)
        {
            _bookHeaders[MdHeaders.Sequence] = sequence;
            _bookHeaders[MdHeaders.Epoch] = message.Epoch.ToString(CultureInfo.InvariantCulture);
            _bookHeaders[MdHeaders.Kind] = message.Kind;
            _bookHeaders[MdHeaders.Source] = _source;
            return _bookHeaders;
        }

        if (message.MsgId is not null)
        {
            _msgIdHeaders[MdHeaders.Sequence] = sequence;
            _msgIdHeaders[MdHeaders.Source] = _source;
            _msgIdHeaders[MdHeaders.MsgId] = message.MsgId;
            return _msgIdHeaders;
        }

        _plainHeaders[MdHeaders.Sequence] = sequence;
        _plainHeaders[MdHeaders.Source] = _source;
        return _plainHeaders;
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
