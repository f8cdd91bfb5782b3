using System.Runtime.CompilerServices;
using System.Text.Json;
using OrleansFeed.Client.Internal;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Trades;
using OrleansFeed.Nats;

namespace OrleansFeed.Client.Books;

/// <summary>
/// Live trades of one book over core NATS, in venue order. Messages that do not decode are skipped and counted in
/// <see cref="MalformedMessages"/>; a full delivery channel drops trades (counted by the NATS subscription).
/// </summary>
/// <remarks>Read from one task at a time. Dispose to unsubscribe; <see cref="ReadAllAsync"/> then ends.</remarks>
public sealed class TradeSubscription : IAsyncDisposable
{
    private readonly NatsSubscription _subscription;
    private long _malformed;

    internal TradeSubscription(BookKey book, NatsSubscription subscription)
    {
        Book = book;
        _subscription = subscription;
    }

    /// <summary>The book whose trades are delivered.</summary>
    public BookKey Book { get; }

    /// <summary>Messages skipped because they did not decode as trades.</summary>
    public long MalformedMessages => Interlocked.Read(ref _malformed);

    /// <summary>Trades dropped because the delivery channel was full (slow reader).</summary>
    public long DroppedCount => _subscription.DroppedCount;

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
    public ValueTask DisposeAsync() => _subscription.DisposeAsync();

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
