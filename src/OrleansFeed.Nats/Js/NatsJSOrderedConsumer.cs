using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OrleansFeed.Nats.Internal;
using OrleansFeed.Nats.Js.Internal;

namespace OrleansFeed.Nats.Js;

/// <summary>
/// An ordered consumer: an ephemeral push consumer (ack none, memory storage) whose consumer sequence must grow by
/// exactly one per message. On a gap (a dropped or lost message) it deletes the server-side consumer and recreates
/// it from the stream sequence after the last message it yielded, so the caller sees every message once, in order.
/// </summary>
/// <remarks>One enumeration at a time. Heartbeat/flow-control status messages are skipped.</remarks>
/// <seealso href="https://github.com/nats-io/nats-architecture-and-design/blob/main/adr/ADR-17.md"/>
public sealed class NatsJSOrderedConsumer
{
    private readonly NatsJSContext _context;
    private readonly NatsJSOrderedConsumerOpts _opts;
    private readonly ILogger _logger;

    internal NatsJSOrderedConsumer(NatsJSContext context, string stream, NatsJSOrderedConsumerOpts opts)
    {
        _context = context;
        Stream = stream;
        _opts = opts;
        _logger = context.Connection.Opts.LoggerFactory.CreateLogger("OrleansFeed.Nats.Js.NatsJSOrderedConsumer");
    }

    /// <summary>The stream consumed.</summary>
    public string Stream { get; }

    /// <summary>Times the server-side consumer was recreated after a gap.</summary>
    public int ResetCount { get; private set; }

    /// <summary>Yields the stream's messages in order from the configured start until cancelled.</summary>
    /// <param name="cancellationToken">Ends the enumeration (the server-side consumer is deleted).</param>
    /// <returns>Messages with their metadata.</returns>
    /// <exception cref="NatsJSApiException">The stream does not exist.</exception>
    public async IAsyncEnumerable<NatsJSMsg> ConsumeAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = _context.Connection;
        var policy = _opts.DeliverPolicy;
        var startSeq = _opts.OptStartSeq;
        while (!cancellationToken.IsCancellationRequested)
        {
            var deliverSubject = connection.NewInbox();
            var subscription = await connection.SubscribeCoreAsync(deliverSubject, opts: new NatsSubOpts { ChannelCapacity = _opts.ChannelCapacity }, cancellationToken: cancellationToken).ConfigureAwait(false);
            string? consumerName = null;
            var reset = false;
            await using (subscription.ConfigureAwait(false))
            {
                try
                {
                    consumerName = await CreateAsync(deliverSubject, policy, startSeq, cancellationToken).ConfigureAwait(false);
                    ulong expected = 1;
                    await foreach (var msg in subscription.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (msg.Headers is { Code: > 0 } || !NatsJSMsgMetadata.TryParse(msg.ReplyTo, out var metadata))
                        {
                            continue;
                        }

                        if (metadata.ConsumerSeq != expected)
                        {
                            ResetCount++;
                            _logger.OrderedConsumerReset(Stream, expected, metadata.ConsumerSeq, startSeq);
                            reset = true;
                            break;
                        }

                        expected++;
                        policy = NatsJSDeliverPolicy.ByStartSequence;
                        startSeq = metadata.StreamSeq + 1;
                        yield return new NatsJSMsg(msg, metadata);
                    }
                }
                finally
                {
                    if (consumerName is not null)
                    {
                        await DeleteQuietlyAsync(consumerName).ConfigureAwait(false);
                    }
                }
            }

            if (!reset)
            {
                yield break;
            }
        }
    }

    private async ValueTask<string> CreateAsync(string deliverSubject, NatsJSDeliverPolicy policy, ulong startSeq, CancellationToken cancellationToken)
    {
        var request = new ConsumerCreateRequestDto
        {
            StreamName = Stream,
            Config = new ConsumerConfigDto
            {
                DeliverSubject = deliverSubject,
                DeliverPolicy = NatsJSContext.ToWire(policy),
                OptStartSeq = policy == NatsJSDeliverPolicy.ByStartSequence ? Math.Max(startSeq, 1) : null,
                OptStartTime = policy == NatsJSDeliverPolicy.ByStartTime ? _opts.OptStartTime : null,
                AckPolicy = "none",
                MaxDeliver = 1,
                FilterSubject = _opts.FilterSubject,
                MemStorage = true,
                NumReplicas = 1,
                InactiveThreshold = NatsJSContext.ToNanos(_opts.InactiveThreshold),
            },
        };
        var response = await _context.RequestAsync($"{_context.ApiPrefix}.CONSUMER.CREATE.{Stream}", request, JsJsonContext.Default.ConsumerCreateRequestDto, JsJsonContext.Default.ConsumerInfoResponseDto, cancellationToken).ConfigureAwait(false);
        return response.Name ?? throw new NatsJSApiException(0, 0, "consumer create returned no name");
    }

    private async ValueTask DeleteQuietlyAsync(string consumerName)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _context.Connection.Opts.TimeProvider);
            await _context.DeleteConsumerAsync(Stream, consumerName, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The inactive threshold removes it anyway.
            _logger.ConsumerDeleteFailed(Stream, consumerName, ex);
        }
    }
}
