using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using OrleansFeed.Nats.Js.Internal;

namespace OrleansFeed.Nats.Js;

/// <summary>A handle to a durable pull consumer: fetch batches, acknowledge each message.</summary>
/// <remarks>Thread-safe; each fetch uses its own inbox.</remarks>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats_api_reference#fetching-messages"/>
public sealed class NatsJSConsumer
{
    private readonly NatsJSContext _context;

    internal NatsJSConsumer(NatsJSContext context, string stream, string name)
    {
        _context = context;
        Stream = stream;
        Name = name;
    }

    /// <summary>Stream name.</summary>
    public string Stream { get; }

    /// <summary>Consumer (durable) name.</summary>
    public string Name { get; }

    /// <summary>
    /// Requests up to <paramref name="batch"/> messages (<c>CONSUMER.MSG.NEXT</c>) and yields them as they arrive.
    /// Ends after <paramref name="batch"/> messages, when the server reports the request expired (408) or no
    /// messages (404), or when <paramref name="expires"/> plus 1 s has passed.
    /// </summary>
    /// <param name="batch">Maximum messages, 1..10,000.</param>
    /// <param name="expires">How long the server holds the pull request open, at least 1 ms.</param>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The messages; acknowledge each with <see cref="NatsJSMsg.AckAsync"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Bad batch or expires.</exception>
    public async IAsyncEnumerable<NatsJSMsg> FetchAsync(int batch, TimeSpan expires, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch, 10_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(expires, TimeSpan.FromMilliseconds(1));

        var connection = _context.Connection;
        var inbox = connection.NewInbox();
        var subscription = await connection.SubscribeCoreAsync(inbox, opts: new NatsSubOpts { ChannelCapacity = batch + 8 }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (subscription.ConfigureAwait(false))
        {
            var request = JsonSerializer.SerializeToUtf8Bytes(new PullRequestDto { Batch = batch, Expires = NatsJSContext.ToNanos(expires) }, JsJsonContext.Default.PullRequestDto);
            await connection.PublishAsync($"{_context.ApiPrefix}.CONSUMER.MSG.NEXT.{Stream}.{Name}", request, replyTo: inbox, cancellationToken: cancellationToken).ConfigureAwait(false);

            using var deadline = new CancellationTokenSource(expires + TimeSpan.FromSeconds(1), connection.Opts.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var received = 0;
            while (received < batch)
            {
                var (ok, msg) = await TryReadAsync(subscription.Msgs, linked.Token, cancellationToken).ConfigureAwait(false);
                if (!ok || msg.Headers is { Code: 404 or 408 or 409 })
                {
                    yield break;
                }

                if (msg.Headers is { Code: > 0 } || !NatsJSMsgMetadata.TryParse(msg.ReplyTo, out var metadata))
                {
                    continue;
                }

                received++;
                yield return new NatsJSMsg(msg, metadata);
            }
        }
    }

    private static async ValueTask<(bool Ok, NatsMsg Msg)> TryReadAsync(ChannelReader<NatsMsg> reader, CancellationToken token, CancellationToken callerToken)
    {
        try
        {
            return (true, await reader.ReadAsync(token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            return (false, default);
        }
        catch (ChannelClosedException)
        {
            return (false, default);
        }
    }
}
