using OrleansFeed.Nats.Js.Internal;

namespace OrleansFeed.Nats.Js;

/// <summary>Consumer management.</summary>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats_api_reference#consumers"/>
public sealed partial class NatsJSContext
{
    /// <summary>Creates an ordered consumer handle; the server-side consumer is made when consumption starts.</summary>
    /// <param name="stream">Stream name.</param>
    /// <param name="opts">Start position and filter; defaults when null.</param>
    /// <returns>The consumer; enumerate <see cref="NatsJSOrderedConsumer.ConsumeAsync"/>.</returns>
    public NatsJSOrderedConsumer CreateOrderedConsumer(string stream, NatsJSOrderedConsumerOpts? opts = null) =>
        new(this, stream, opts ?? NatsJSOrderedConsumerOpts.Default);

    /// <summary>Creates (or returns the existing) durable pull consumer.</summary>
    /// <param name="stream">Stream name.</param>
    /// <param name="config">Consumer settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A handle to fetch from.</returns>
    /// <exception cref="NatsJSApiException">The stream does not exist or the config conflicts with the existing consumer.</exception>
    public async ValueTask<NatsJSConsumer> CreateOrUpdateConsumerAsync(string stream, NatsJSConsumerConfig config, CancellationToken cancellationToken = default)
    {
        var request = new ConsumerCreateRequestDto
        {
            StreamName = stream,
            Config = new ConsumerConfigDto
            {
                DurableName = config.DurableName,
                AckPolicy = "explicit",
                AckWait = ToNanos(config.AckWait),
                MaxAckPending = config.MaxAckPending,
                FilterSubject = config.FilterSubject,
                DeliverPolicy = ToWire(config.DeliverPolicy),
                OptStartSeq = config.DeliverPolicy == NatsJSDeliverPolicy.ByStartSequence ? config.OptStartSeq : null,
            },
        };
        var response = await RequestAsync($"{ApiPrefix}.CONSUMER.DURABLE.CREATE.{stream}.{config.DurableName}", request, JsJsonContext.Default.ConsumerCreateRequestDto, JsJsonContext.Default.ConsumerInfoResponseDto, cancellationToken).ConfigureAwait(false);
        return new NatsJSConsumer(this, stream, response.Name ?? config.DurableName);
    }

    /// <summary>Reads a consumer's progress.</summary>
    /// <param name="stream">Stream name.</param>
    /// <param name="consumer">Consumer name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The consumer's sequences and counts.</returns>
    /// <exception cref="NatsJSApiException">Not found (err_code 10014) or another API error.</exception>
    public async ValueTask<NatsJSConsumerInfo> GetConsumerInfoAsync(string stream, string consumer, CancellationToken cancellationToken = default)
    {
        var response = await RequestAsync<object, ConsumerInfoResponseDto>($"{ApiPrefix}.CONSUMER.INFO.{stream}.{consumer}", null, null!, JsJsonContext.Default.ConsumerInfoResponseDto, cancellationToken).ConfigureAwait(false);
        return new NatsJSConsumerInfo(response.Name ?? consumer, response.Delivered?.StreamSeq ?? 0, response.AckFloor?.StreamSeq ?? 0, response.NumAckPending, response.NumPending);
    }

    /// <summary>Deletes a consumer.</summary>
    /// <param name="stream">Stream name.</param>
    /// <param name="consumer">Consumer name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when deleted.</returns>
    /// <exception cref="NatsJSApiException">Not found or another API error.</exception>
    public async ValueTask<bool> DeleteConsumerAsync(string stream, string consumer, CancellationToken cancellationToken = default)
    {
        var response = await RequestAsync<object, DeleteResponseDto>($"{ApiPrefix}.CONSUMER.DELETE.{stream}.{consumer}", null, null!, JsJsonContext.Default.DeleteResponseDto, cancellationToken).ConfigureAwait(false);
        return response.Success;
    }

    internal static string ToWire(NatsJSDeliverPolicy policy) => policy switch
    {
        NatsJSDeliverPolicy.New => "new",
        NatsJSDeliverPolicy.ByStartSequence => "by_start_sequence",
        NatsJSDeliverPolicy.ByStartTime => "by_start_time",
        _ => "all",
    };
}
