using System.Runtime.CompilerServices;
using System.Text.Json;
using NATS.Client.Core;
using OrleansFeed.Client.Internal;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Trades;

namespace OrleansFeed.Client.Books;

/// <summary>
/// Live trades of one book over core NATS, in venue order. Messages that do not decode are skipped and counted in
/// <see cref="MalformedMessages"/>; a full delivery channel drops trades (counted by the NATS subscription).
/// </summary>
/// <remarks>Read from one task at a time. Dispose to unsubscribe; <see cref="ReadAllAsync"/> then ends.</remarks>
public sealed class TradeSubscription : IAsyncDisposable
{
    private readonly INatsConnection _connection;
    private readonly INatsSub<ReadOnlyMemory<byte>> _subscription;
    private long _malformed;
    private long _dropped;

    internal TradeSubscription(BookKey book, INatsConnection connection, INatsSub<ReadOnlyMemory<byte>> subscription)
    {
        Book = book;
        _connection = connection;
        _subscription = subscription;
        // NATS.Net reports drops per connection; count this subscription's.
        _connection.MessageDropped += OnMessageDropped;
    }

    /// <summary>The book whose trades are delivered.</summary>
    public BookKey Book { get; }

    /// <summary>Messages skipped because they did not decode as trades.</summary>
    public long MalformedMessages => Interlocked.Read(ref _malformed);

    /// <summary>Trades dropped because the delivery channel was full (slow reader).</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Yields trades as they arrive until disposed or cancelled.</summary>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>Trades: prices in quote currency, sizes in base units, times UTC µs.</returns>
    public async IAsyncEnumerable<Trade> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var msg in _subscription.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (TryRead(msg.Data, out var trade))
            {
                yield return trade;
            }
            else
            {
                Interlocked.Increment(ref _malformed);
            }
        }
    }

    /// <summary>Unsubscribes. Idempotent.</summary>
    /// <returns>Completes when UNSUB is queued.</returns>
    public ValueTask DisposeAsync()
    {
        _connection.MessageDropped -= OnMessageDropped;
        return _subscription.DisposeAsync();
    }

    private ValueTask OnMessageDropped(object? sender, NatsMessageDroppedEventArgs e)
    {
        if (ReferenceEquals(e.Subscription, _subscription))
        {
            Interlocked.Increment(ref _dropped);
        }

        return ValueTask.CompletedTask;
    }

    private static bool TryRead(ReadOnlyMemory<byte> data, out Trade trade)
    {
        try
        {
            using var doc = JsonDocument.Parse(data);
            trade = WireReader.TradeMessage(doc.RootElement).Trade;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            trade = default;
            return false;
        }
    }
}
