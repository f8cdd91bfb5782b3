using System.Text.Json;
using OrleansFeed.Nats.Js.Internal;

namespace OrleansFeed.Nats.Js;

/// <summary>Publish with acknowledgement.</summary>
public sealed partial class NatsJSContext
{
    /// <summary>The header JetStream de-duplicates on.</summary>
    public const string MsgIdHeader = "Nats-Msg-Id";

    /// <summary>
    /// Publishes to a subject captured by a stream and waits for the stream's PubAck. With <paramref name="msgId"/>
    /// the <c>Nats-Msg-Id</c> header is set: a repeat within the stream's duplicate window is not stored and the
    /// ack has <see cref="NatsJSPubAck.Duplicate"/> set.
    /// </summary>
    /// <param name="subject">Subject.</param>
    /// <param name="data">Payload.</param>
    /// <param name="msgId">De-duplication id, or null.</param>
    /// <param name="headers">Extra headers, or null (a copy is not made: the msg id is added to it).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The PubAck.</returns>
    /// <exception cref="NatsNoRespondersException">No stream captures <paramref name="subject"/>.</exception>
    /// <exception cref="NatsJSApiException">The stream rejected the message.</exception>
    /// <seealso href="https://docs.nats.io/using-nats/developer/develop_jetstream/model_deep_dive#message-deduplication"/>
    public async ValueTask<NatsJSPubAck> PublishAsync(string subject, ReadOnlyMemory<byte> data, string? msgId = null, NatsHeaders? headers = null, CancellationToken cancellationToken = default)
    {
        if (msgId is not null)
        {
            headers ??= new NatsHeaders();
            headers[MsgIdHeader] = msgId;
        }

        var reply = await Connection.RequestAsync(subject, data, headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        var ack = JsonSerializer.Deserialize(reply.Data.Span, JsJsonContext.Default.PubAckDto)
            ?? throw new NatsJSApiException(0, 0, "empty PubAck");
        if (ack.Error is { } error)
        {
            throw new NatsJSApiException(error.Code, error.ErrCode, error.Description ?? string.Empty);
        }

        return new NatsJSPubAck(ack.Stream ?? string.Empty, ack.Seq, ack.Duplicate, ack.Domain);
    }
}
