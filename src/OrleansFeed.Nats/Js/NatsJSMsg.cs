using System.Text;

namespace OrleansFeed.Nats.Js;

/// <summary>A message delivered by a JetStream consumer.</summary>
/// <param name="Msg">The underlying core message (subject, headers, payload, reply subject = ack subject).</param>
/// <param name="Metadata">Sequences and timestamp parsed from the reply subject.</param>
public readonly record struct NatsJSMsg(NatsMsg Msg, NatsJSMsgMetadata Metadata)
{
    private static readonly ReadOnlyMemory<byte> AckPayload = Encoding.ASCII.GetBytes("+ACK");

    /// <summary>Acknowledges the message (<c>+ACK</c>) so the consumer does not redeliver it.</summary>
    /// <param name="doubleAck">When true, waits for the server to confirm the ack (a request instead of a publish).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes when queued, or confirmed with <paramref name="doubleAck"/>.</returns>
    /// <exception cref="InvalidOperationException">The message has no reply subject (ack policy none).</exception>
    /// <seealso href="https://docs.nats.io/using-nats/developer/develop_jetstream/consumers#acknowledgement-models"/>
    public async ValueTask AckAsync(bool doubleAck = false, CancellationToken cancellationToken = default)
    {
        if (Msg.ReplyTo is null || Msg.Connection is null)
        {
            throw new InvalidOperationException("The JetStream message cannot be acknowledged: no reply subject.");
        }

        if (doubleAck)
        {
            await Msg.Connection.RequestAsync(Msg.ReplyTo, AckPayload, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Msg.Connection.PublishAsync(Msg.ReplyTo, AckPayload, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
