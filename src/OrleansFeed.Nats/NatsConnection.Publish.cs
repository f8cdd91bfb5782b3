using System.Buffers;
using OrleansFeed.Nats.Commands;

namespace OrleansFeed.Nats;

/// <summary>PUB and HPUB.</summary>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#pub"/>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#hpub"/>
public sealed partial class NatsConnection
{
    private readonly ArrayBufferWriter<byte> _reconnectBuffer = new();

    /// <summary>
    /// Publishes a message (PUB, or HPUB when <paramref name="headers"/> is not null). Completes when the command is
    /// in the socket's write buffer, not when the server has it; use <see cref="FlushAsync"/> for that.
    /// </summary>
    /// <remarks>
    /// While reconnecting the command is buffered (bounded by <see cref="NatsOpts.ReconnectBufferSize"/>) and sent
    /// after the resubscribe. Commands already in the write buffer of a socket that dies are lost (at-most-once).
    /// </remarks>
    /// <param name="subject">Subject: non-empty, no whitespace.</param>
    /// <param name="data">Payload bytes; copied before this call returns.</param>
    /// <param name="headers">Headers, or null for a plain PUB.</param>
    /// <param name="replyTo">Reply subject, or null.</param>
    /// <param name="cancellationToken">Cancels a wait for write space (back-pressure at 4 MiB unsent).</param>
    /// <returns>Completes when queued.</returns>
    /// <exception cref="ArgumentException">The subject or reply subject is empty or has whitespace.</exception>
    /// <exception cref="NatsReconnectBufferFullException">Reconnecting and the buffer is full.</exception>
    /// <exception cref="NatsConnectionException">Not connected yet, or disposed.</exception>
    public async ValueTask PublishAsync(string subject, ReadOnlyMemory<byte> data = default, NatsHeaders? headers = null, string? replyTo = null, CancellationToken cancellationToken = default)
    {
        ValidateSubject(subject, nameof(subject));
        if (replyTo is not null)
        {
            ValidateSubject(replyTo, nameof(replyTo));
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var socket = _socket;
            switch (_state)
            {
                case NatsConnectionState.Open when socket is not null:
                    ProtocolWriter.WritePublish(socket.Writer.Writer, subject, replyTo, headers, data.Span);
                    await socket.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case NatsConnectionState.Reconnecting:
                    var size = ProtocolWriter.MaxPublishSize(subject, replyTo, headers, data.Length);
                    if (_reconnectBuffer.WrittenCount + size > Opts.ReconnectBufferSize)
                    {
                        throw new NatsReconnectBufferFullException(Opts.ReconnectBufferSize);
                    }

                    ProtocolWriter.WritePublish(_reconnectBuffer, subject, replyTo, headers, data.Span);
                    break;
                default:
                    throw new NatsConnectionException($"NATS connection cannot publish: state={_state} subject={subject}");
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Publishes a message with a pre-encoded header block (HPUB) without allocating: the block's bytes go straight
    /// into the socket's (or the reconnect) buffer. Same delivery, back-pressure and reconnect rules as
    /// <see cref="PublishAsync(string, ReadOnlyMemory{byte}, NatsHeaders?, string?, CancellationToken)"/>.
    /// </summary>
    /// <param name="subject">Subject: non-empty, no whitespace.</param>
    /// <param name="headers">The header block; copied before this call returns, so the caller may reuse it afterwards.</param>
    /// <param name="data">Payload bytes; copied before this call returns.</param>
    /// <param name="replyTo">Reply subject, or null.</param>
    /// <param name="cancellationToken">Cancels a wait for write space (back-pressure at 4 MiB unsent).</param>
    /// <returns>Completes when queued.</returns>
    /// <exception cref="ArgumentException">The subject or reply subject is empty or has whitespace.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    /// <exception cref="NatsReconnectBufferFullException">Reconnecting and the buffer is full.</exception>
    /// <exception cref="NatsConnectionException">Not connected yet, or disposed.</exception>
    public async ValueTask PublishAsync(string subject, NatsHeaderBlock headers, ReadOnlyMemory<byte> data, string? replyTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ValidateSubject(subject, nameof(subject));
        if (replyTo is not null)
        {
            ValidateSubject(replyTo, nameof(replyTo));
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var socket = _socket;
            switch (_state)
            {
                case NatsConnectionState.Open when socket is not null:
                    ProtocolWriter.WritePublish(socket.Writer.Writer, subject, replyTo, headers.Span, data.Span);
                    await socket.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case NatsConnectionState.Reconnecting:
                    var size = ProtocolWriter.MaxPublishSize(subject, replyTo, null, data.Length) + headers.Length;
                    if (_reconnectBuffer.WrittenCount + size > Opts.ReconnectBufferSize)
                    {
                        throw new NatsReconnectBufferFullException(Opts.ReconnectBufferSize);
                    }

                    ProtocolWriter.WritePublish(_reconnectBuffer, subject, replyTo, headers.Span, data.Span);
                    break;
                default:
                    throw new NatsConnectionException($"NATS connection cannot publish: state={_state} subject={subject}");
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void ValidateSubject(string subject, string paramName)
    {
        if (string.IsNullOrEmpty(subject) || subject.AsSpan().IndexOfAny(" \t\r\n") >= 0)
        {
            throw new ArgumentException($"Invalid NATS subject '{subject}': it must be non-empty without whitespace.", paramName);
        }
    }
}
