using Microsoft.Extensions.Logging;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.Grains.Connectors;

/// <summary>
/// The connector → book path of one symbol: events collected from the socket readers (and the snapshot fetcher) are
/// sent to the book grain as ordered <see cref="BookEventBatch"/>es with at most one call in flight. While a call runs,
/// new events accumulate and go out as the next batch when it returns; a reader that gets <see cref="MaxPending"/>
/// events ahead of the book waits for the call in flight (back-pressure, nothing dropped). Thread-safe.
/// </summary>
internal sealed partial class BookFeed(IBookFeedGrain book, string key, ILogger logger)
{
    /// <summary>Events a book may fall behind before the readers feeding it wait.</summary>
    public const int MaxPending = 65_536;

    private readonly Lock _gate = new();
    private readonly List<BookEventHeader> _events = [];
    private readonly List<LevelUpdate> _levels = [];
    private readonly List<Trade> _trades = [];
    private BestBidOffer? _bbo;
    private Task? _inFlight;
    private long _failedCalls;

    /// <summary>Grain calls that failed (their events are lost: the book sees a gap and resyncs).</summary>
    public long FailedCalls => Interlocked.Read(ref _failedCalls);

    /// <summary>Copies a book event into the pending batch; the caller keeps (and returns) the event's pooled levels.</summary>
    public void Add(in BookEvent bookEvent)
    {
        lock (_gate)
        {
            var levels = bookEvent.LevelSpan;
            _events.Add(new BookEventHeader(
                bookEvent.Kind,
                bookEvent.FirstUpdateId,
                bookEvent.LastUpdateId,
                bookEvent.PreviousUpdateId,
                _levels.Count,
                levels.Length,
                bookEvent.Checksum,
                bookEvent.ExchangeTime,
                bookEvent.ReceiveTime));
            _levels.AddRange(levels);
        }
    }

    public void Add(in Trade trade)
    {
        lock (_gate)
        {
            _trades.Add(trade);
        }
    }

    public void Add(in BestBidOffer bbo)
    {
        lock (_gate)
        {
            _bbo = bbo;
        }
    }

    /// <summary>Sends the pending events unless a call is in flight (then they follow it); waits only when too far behind.</summary>
    /// <returns>Completes at once, or when the call in flight returned if the book is <see cref="MaxPending"/> events behind.</returns>
    public ValueTask FlushAsync() => FlushAsync(out _);

    /// <summary>As <see cref="FlushAsync()"/>; <paramref name="callStarted"/> tells whether a grain call went out now.</summary>
    /// <param name="callStarted">True when this flush sent a batch (its work item is queued for the book's activation).</param>
    /// <returns>Completes at once, or when the call in flight returned if the book is <see cref="MaxPending"/> events behind.</returns>
    public ValueTask FlushAsync(out bool callStarted)
    {
        lock (_gate)
        {
            if (_inFlight is { IsCompleted: false } running)
            {
                callStarted = false;
                return _events.Count + _trades.Count < MaxPending ? ValueTask.CompletedTask : new ValueTask(running);
            }

            callStarted = SendLocked();
            return ValueTask.CompletedTask;
        }
    }

    private bool SendLocked()
    {
        if (_events.Count == 0 && _trades.Count == 0 && _bbo is null)
        {
            _inFlight = null;
            return false;
        }

        var batch = new BookEventBatch([.. _events], [.. _levels], [.. _trades], _bbo);
        _events.Clear();
        _levels.Clear();
        _trades.Clear();
        _bbo = null;
        _inFlight = SendAsync(batch);
        return true;
    }

    private async Task SendAsync(BookEventBatch batch)
    {
        try
        {
            await book.ApplyAsync(batch).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The book sees the lost events as a gap and resyncs; the next batch goes out as usual.
            if (Interlocked.Increment(ref _failedCalls) == 1)
            {
                LogCallFailed(logger, key, ex);
            }
        }

        lock (_gate)
        {
            SendLocked();
        }
    }

    [LoggerMessage(EventId = 2306, EventName = "BookFeedCallFailed", Level = LogLevel.Warning, Message = "Book {Book}: a batch call failed; the book resyncs on the gap (logged once per book)")]
    private static partial void LogCallFailed(ILogger logger, string book, Exception exception);
}
