using System.Runtime.CompilerServices;
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
/// <remarks>
/// Allocation-free in steady state: two batches take turns (one filling, one in the call; a batch is cleared and
/// refilled only after its call returned), the call returns a <see cref="ValueTask"/> backed by Orleans' pooled
/// response source, and its completion runs one cached callback instead of an async state machine. A failed call's
/// batch is never reused (a timed-out call may still be running in the book); a new one replaces it.
/// </remarks>
internal sealed partial class BookFeed
{
    /// <summary>Events a book may fall behind before the readers feeding it wait.</summary>
    public const int MaxPending = 65_536;

    private readonly IBookFeedGrain _book;
    private readonly string _key;
    private readonly ILogger _logger;
    private readonly Action _onApplied;
    private readonly Lock _gate = new();
    private BookEventBatch _pending = new();
    private BookEventBatch? _spare = new();
    private BookEventBatch? _inCall;
    private ConfiguredValueTaskAwaitable.ConfiguredValueTaskAwaiter _call;
    private TaskCompletionSource? _callReturned;
    private long _failedCalls;
    private long _calls;
    private long _batchesCreated = 2;

    public BookFeed(IBookFeedGrain book, string key, ILogger logger)
    {
        _book = book;
        _key = key;
        _logger = logger;
        _onApplied = OnApplied;
    }

    /// <summary>Grain calls that failed (their events are lost: the book sees a gap and resyncs).</summary>
    public long FailedCalls => Interlocked.Read(ref _failedCalls);

    /// <summary>Grain calls made (one batch each).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Batch objects created: 2 at start, plus one per failed call (whose batch is not reused).</summary>
    public long BatchesCreated => Interlocked.Read(ref _batchesCreated);

    /// <summary>Copies a book event into the pending batch; the caller keeps (and returns) the event's pooled levels.</summary>
    public void Add(in BookEvent bookEvent)
    {
        lock (_gate)
        {
            _pending.Add(bookEvent);
        }
    }

    public void Add(in Trade trade)
    {
        lock (_gate)
        {
            _pending.Add(trade);
        }
    }

    public void Add(in BestBidOffer bbo)
    {
        lock (_gate)
        {
            _pending.Set(bbo);
        }
    }

    /// <summary>Sends the pending events unless a call is in flight (then they follow it); waits only when too far behind.</summary>
    /// <returns>Completes at once, or when the call in flight returned if the book is <see cref="MaxPending"/> events behind.</returns>
    public ValueTask FlushAsync()
    {
        lock (_gate)
        {
            if (_inCall is not null)
            {
                if (_pending.Count < MaxPending)
                {
                    return ValueTask.CompletedTask;
                }

                _callReturned ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return new ValueTask(_callReturned.Task);
            }

            SendLocked();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Sends the pending batch if it holds anything; called with the gate held and no call in flight.</summary>
    private void SendLocked()
    {
        while (!_pending.IsEmpty)
        {
            var batch = _pending;
            _pending = _spare ?? NewBatch();
            _spare = null;
            _inCall = batch;
            Interlocked.Increment(ref _calls);
            try
            {
                _call = _book.ApplyAsync(batch).ConfigureAwait(false).GetAwaiter();
            }
            catch (Exception ex)
            {
                // Thrown before the call was made: the book never saw the batch, so it is reused at once.
                _call = default;
                _inCall = null;
                batch.Clear();
                _spare = batch;
                OnFailed(ex);
                continue;
            }

            if (!_call.IsCompleted)
            {
                _call.UnsafeOnCompleted(_onApplied);
                return;
            }

            CompleteCallLocked();
        }

        _inCall = null;
    }

    private void OnApplied()
    {
        lock (_gate)
        {
            CompleteCallLocked();
            SendLocked();
        }
    }

    /// <summary>Observes the finished call (exactly once: its source is pooled) and frees or drops its batch.</summary>
    private void CompleteCallLocked()
    {
        var batch = _inCall!;
        _inCall = null;
        try
        {
            _call.GetResult();
            batch.Clear();
            _spare = batch;
        }
        catch (Exception ex)
        {
            // The book sees the lost events as a gap and resyncs; the next batch goes out as usual. The batch is not
            // reused: a call that timed out may still be reading it in the book.
            OnFailed(ex);
        }
        finally
        {
            _call = default;
        }

        if (_callReturned is { } waiting)
        {
            _callReturned = null;
            waiting.TrySetResult();
        }
    }

    private BookEventBatch NewBatch()
    {
        Interlocked.Increment(ref _batchesCreated);
        return new BookEventBatch();
    }

    private void OnFailed(Exception ex)
    {
        if (Interlocked.Increment(ref _failedCalls) == 1)
        {
            LogCallFailed(_logger, _key, ex);
        }
    }

    [LoggerMessage(EventId = 2306, EventName = "BookFeedCallFailed", Level = LogLevel.Warning, Message = "Book {Book}: a batch call failed; the book resyncs on the gap (logged once per book)")]
    private static partial void LogCallFailed(ILogger logger, string book, Exception exception);
}
