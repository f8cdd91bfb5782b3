using System.Collections.Concurrent;
using System.Globalization;
using NATS.Client.Core;
using OrleansFeed.Grains.Subjects;

namespace OrleansFeed.EndToEnd.Tests.Cluster;

/// <summary>
/// A NATS consumer of every book subject (<c>md.v1.book.&gt;</c>, docs/nats-bridge.md) that keeps, in arrival order, the
/// headers of each message: which bridge published it (<c>Md-Source</c>), the book's epoch and sequence, the kind. The
/// cluster failover test checks with it that each book message reaches a consumer once, from one silo, without gaps.
/// </summary>
internal sealed class BookSubjectRecorder : IAsyncDisposable
{
    private const string Prefix = "md.v1";

    private readonly NatsConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Message> _messages = new();
    private INatsSub<ReadOnlyMemory<byte>>? _subscription;
    private Task _reader = Task.CompletedTask;

    private BookSubjectRecorder(string url) => _connection = new NatsConnection(new NatsOpts { Url = url, Name = "failover-test-consumer" });

    /// <summary>Subscribes on <paramref name="url"/> and starts recording; returns once the server has the subscription.</summary>
    public static async Task<BookSubjectRecorder> StartAsync(string url, CancellationToken ct)
    {
        var recorder = new BookSubjectRecorder(url);
        recorder._subscription = await recorder._connection.SubscribeCoreAsync<ReadOnlyMemory<byte>>($"{Prefix}.book.>", cancellationToken: ct);
        await recorder._connection.PingAsync(ct);
        recorder._reader = recorder.ReadAsync(recorder._subscription);
        return recorder;
    }

    /// <summary>The messages of the book <c>venue:symbol</c> received so far, in arrival order.</summary>
    public IReadOnlyList<Message> Of(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var subject = MdSubjects.Book(Prefix, key[..colon], key[(colon + 1)..]);
        return [.. _messages.Where(m => m.Subject == subject)];
    }

    /// <summary>
    /// What breaks "each message once, gap-free" for one book: an (epoch, sequence) received twice, or, among one
    /// publisher's messages, a sequence that is not the previous one + 1 (a re-activation on that silo restarts the
    /// sequence under a higher epoch, which is allowed). Messages a killed silo queued but never sent are not seen at all.
    /// </summary>
    public static IEnumerable<string> Breaks(IReadOnlyList<Message> messages)
    {
        foreach (var twice in messages.GroupBy(m => (m.Epoch, m.Sequence)).Where(g => g.Count() > 1))
        {
            yield return $"epoch {twice.Key.Epoch} sequence {twice.Key.Sequence} received {twice.Count()} times (from {string.Join(", ", twice.Select(m => m.Source))})";
        }

        foreach (var publisher in messages.GroupBy(m => m.Source))
        {
            Message? previous = null;
            foreach (var message in publisher)
            {
                var restarted = previous is not null && message.Sequence <= previous.Sequence && message.Epoch > previous.Epoch;
                if (previous is not null && !restarted && message.Sequence != previous.Sequence + 1)
                {
                    yield return $"from {publisher.Key}: epoch {message.Epoch} sequence {message.Sequence} after epoch {previous.Epoch} sequence {previous.Sequence}";
                }

                previous = message;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader.ContinueWith(_ => { }, TaskScheduler.Default);
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private async Task ReadAsync(INatsSub<ReadOnlyMemory<byte>> subscription)
    {
        await foreach (var msg in subscription.Msgs.ReadAllAsync(_stop.Token))
        {
            var headers = msg.Headers!;
            _messages.Enqueue(new Message(
                msg.Subject,
                headers[MdHeaders.Source]!,
                long.Parse(headers[MdHeaders.Epoch]!, CultureInfo.InvariantCulture),
                long.Parse(headers[MdHeaders.Sequence]!, CultureInfo.InvariantCulture),
                headers[MdHeaders.Kind]!));
        }
    }

    /// <summary>One book message's subject and headers.</summary>
    /// <param name="Subject">The book subject.</param>
    /// <param name="Source">The publishing bridge instance (one per silo start).</param>
    /// <param name="Epoch">The book's epoch.</param>
    /// <param name="Sequence">The book's delta sequence.</param>
    /// <param name="Kind"><c>update</c>, <c>rebuilt</c> or <c>stale</c>.</param>
    internal sealed record Message(string Subject, string Source, long Epoch, long Sequence, string Kind);
}
