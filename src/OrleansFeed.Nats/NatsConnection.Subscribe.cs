using System.Runtime.CompilerServices;
using OrleansFeed.Nats.Commands;
using OrleansFeed.Nats.Internal;

namespace OrleansFeed.Nats;

/// <summary>SUB and UNSUB.</summary>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#sub"/>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#unsub"/>
public sealed partial class NatsConnection
{
    /// <summary>
    /// Subscribes and returns the subscription object; messages arrive in <see cref="NatsSubscription.Msgs"/>.
    /// </summary>
    /// <remarks>
    /// The SUB is queued for the socket when this completes; call <see cref="FlushAsync"/> to be sure the server
    /// has it before another connection publishes. While reconnecting the SUB is sent on the new connection.
    /// </remarks>
    /// <param name="subject">Subject, may contain wildcards <c>*</c> and <c>&gt;</c>.</param>
    /// <param name="queueGroup">Queue group (each message goes to one member), or null.</param>
    /// <param name="opts">Channel capacity; <see cref="NatsOpts.SubOpts"/> when null.</param>
    /// <param name="cancellationToken">Cancels a wait for write space.</param>
    /// <returns>The subscription; dispose it to unsubscribe.</returns>
    /// <exception cref="ArgumentException">Bad subject, queue group or options.</exception>
    /// <exception cref="NatsConnectionException">Not connected yet, or disposed.</exception>
    public async ValueTask<NatsSubscription> SubscribeCoreAsync(string subject, string? queueGroup = null, NatsSubOpts? opts = null, CancellationToken cancellationToken = default)
    {
        ValidateSubject(subject, nameof(subject));
        if (queueGroup is not null)
        {
            ValidateSubject(queueGroup, nameof(queueGroup));
        }

        opts ??= Opts.SubOpts;
        opts.Validate();
        var subscription = new NatsSubscription(this, _subs.NextSid(), subject, queueGroup, opts);
        await RegisterAsync(subscription, cancellationToken).ConfigureAwait(false);
        return subscription;
    }

    /// <summary>
    /// Subscribes for the duration of the enumeration and yields each message; the UNSUB is sent when the
    /// enumeration ends (break, cancellation or disposal).
    /// </summary>
    /// <remarks>The SUB is sent when enumeration starts, not when this method is called.</remarks>
    /// <param name="subject">Subject, may contain wildcards.</param>
    /// <param name="queueGroup">Queue group, or null.</param>
    /// <param name="opts">Channel capacity; <see cref="NatsOpts.SubOpts"/> when null.</param>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The messages in arrival order.</returns>
    public async IAsyncEnumerable<NatsMsg> SubscribeAsync(string subject, string? queueGroup = null, NatsSubOpts? opts = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var subscription = await SubscribeCoreAsync(subject, queueGroup, opts, cancellationToken).ConfigureAwait(false);
        await using (subscription.ConfigureAwait(false))
        {
            await foreach (var msg in subscription.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return msg;
            }
        }
    }

    internal async ValueTask RegisterAsync(ISubscriptionTarget target, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state is NatsConnectionState.Disposed or NatsConnectionState.Closed)
            {
                throw new NatsConnectionException($"NATS connection cannot subscribe: state={_state} subject={target.Subject}");
            }

            _subs.Add(target);
            var socket = _socket;
            if (_state == NatsConnectionState.Open && socket is not null)
            {
                ProtocolWriter.WriteSub(socket.Writer.Writer, target.Subject, target.QueueGroup, target.Sid);
                await socket.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    internal async ValueTask UnsubscribeAsync(long sid)
    {
        if (!_subs.Remove(sid) || _state == NatsConnectionState.Disposed)
        {
            return;
        }

        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var socket = _socket;
            if (_state == NatsConnectionState.Open && socket is not null)
            {
                ProtocolWriter.WriteUnsub(socket.Writer.Writer, sid);
                await socket.Writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
