using Microsoft.Extensions.Logging;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.Grains.Connectors;

/// <summary>
/// The connector → book path of one symbol: events collected from the socket readers (and the snapshot fetcher) are
/// delivered to the book in order, one batch at a time. When the book is active on this silo (the usual case: books
/// are placed with their connector), a flush applies the batch in place on the flushing thread through the book's
/// <see cref="LiveBook"/>: no grain call, no message, nothing allocated. Otherwise (the book is on another silo, or not
/// active yet) the batch goes as an <see cref="IBookFeedGrain.ApplyAsync"/> call, which activates the book; events
/// arriving meanwhile follow as the next batch. A reader that gets <see cref="MaxPending"/> events ahead of a delivery
/// in flight waits for it (back-pressure, nothing dropped). Thread-safe.
/// </summary>
internal sealed partial class BookFeed(IBookFeedGrain book, BookKey key, BookDirectory localBooks, ILogger logger)
{
    /// <summary>Events a book may fall behind before the readers feeding it wait.</summary>
    public const int MaxPending = 65_536;

    private readonly Lock _gate = new();
    private PendingBookEvents _filling = new();
    private PendingBookEvents? _spare = new();
    private bool _delivering;
    private Task? _inFlight;
    private LiveBook? _local;
    private long _failedCalls;

    /// <summary>Deliveries that failed (their events are lost: the book sees a gap and resyncs).</summary>
    public long FailedCalls => Interlocked.Read(ref _failedCalls);

    /// <summary>Copies a book event into the pending batch; the caller keeps (and returns) the event's pooled levels.</summary>
    /// <param name="bookEvent">The event.</param>
    public void Add(in BookEvent bookEvent)
    {
        lock (_gate)
        {
            _filling.Add(bookEvent);
        }
    }

    /// <summary>Adds a trade to the pending batch.</summary>
    /// <param name="trade">The trade.</param>
    public void Add(in Trade trade)
    {
        lock (_gate)
        {
            _filling.Add(trade);
        }
    }

    /// <summary>Sets the venue BBO of the pending batch (the latest wins).</summary>
    /// <param name="bbo">The venue's BBO.</param>
    public void Add(in BestBidOffer bbo)
    {
        lock (_gate)
        {
            _filling.Bbo = bbo;
        }
    }

    /// <summary>Delivers the pending events unless a delivery is under way (then they follow it); waits only when too far behind.</summary>
    /// <returns>Completes at once, or when the delivery in flight is done if the book is <see cref="MaxPending"/> events behind.</returns>
    public ValueTask FlushAsync()
    {
        PendingBookEvents batch;
        lock (_gate)
        {
            if (_delivering)
            {
                // Another thread is applying (it picks these events up when done) or a call or publish is in flight.
                return _inFlight is { IsCompleted: false } running && _filling.Count >= MaxPending ? new ValueTask(running) : ValueTask.CompletedTask;
            }

            if (_filling.IsEmpty)
            {
                return ValueTask.CompletedTask;
            }

            _delivering = true;
            batch = TakeFillingLocked();
        }

        Deliver(batch);
        return ValueTask.CompletedTask;
    }

    /// <summary>Delivers batches until none is pending or one has to be waited for (then its continuation goes on).</summary>
    private void Deliver(PendingBookEvents batch)
    {
        while (true)
        {
            var pending = Send(batch);
            lock (_gate)
            {
                batch.Clear();
                _spare = batch;
                if (pending is not null)
                {
                    _inFlight = pending;
                }
                else if (_filling.IsEmpty)
                {
                    _delivering = false;
                    return;
                }
                else
                {
                    batch = TakeFillingLocked();
                    continue;
                }
            }

            _ = ResumeAfterAsync(pending);
            return;
        }
    }

    /// <summary>Applies the batch in place when the book is live here; otherwise starts the grain call.</summary>
    /// <returns>Null when done; otherwise what the next batch waits for (the call, or deltas held back by a full consumer).</returns>
    private Task? Send(PendingBookEvents batch)
    {
        try
        {
            var local = _local;
            if (local is null || local.IsClosed)
            {
                _local = local = localBooks.TryGetLive(key, out var live) ? live : null;
            }

            if (local is not null && local.TryApply(batch.Events, batch.Levels, batch.Trades, batch.Bbo, out var publishing))
            {
                return publishing.IsCompletedSuccessfully ? null : publishing.AsTask();
            }

            return book.ApplyAsync(batch.ToBatch());
        }
        catch (Exception ex)
        {
            OnFailed(ex);
            return null;
        }
    }

    private async Task ResumeAfterAsync(Task pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            OnFailed(ex);
        }

        PendingBookEvents next;
        lock (_gate)
        {
            _inFlight = null;
            if (_filling.IsEmpty)
            {
                _delivering = false;
                return;
            }

            next = TakeFillingLocked();
        }

        Deliver(next);
    }

    // While delivering, the spare is the batch being delivered: two buffers take turns, neither is ever reallocated.
    private PendingBookEvents TakeFillingLocked()
    {
        var batch = _filling;
        _filling = _spare!;
        _spare = null;
        return batch;
    }

    private void OnFailed(Exception ex)
    {
        // The book sees the lost events as a gap and resyncs; the next batch goes out as usual.
        if (Interlocked.Increment(ref _failedCalls) == 1)
        {
            LogCallFailed(logger, key.ToString(), ex);
        }
    }

    [LoggerMessage(EventId = 2306, EventName = "BookFeedCallFailed", Level = LogLevel.Warning, Message = "Book {Book}: a batch delivery failed; the book resyncs on the gap (logged once per book)")]
    private static partial void LogCallFailed(ILogger logger, string book, Exception exception);
}
