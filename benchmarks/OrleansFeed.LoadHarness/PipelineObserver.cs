using System.Diagnostics;
using OrleansFeed.Core.Aggregation.Latency;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.LoadHarness;

/// <summary>
/// Watches the silo's output streams as any consumer does (the runtime's <see cref="IStreamProvider"/>): every
/// book's <c>book-deltas</c> and <c>trades</c>, every aggregator's <c>nbbo</c>. Counts events, checks each book's
/// delta sequence is gap-free, and records receive time → observed latency of book deltas. (NBBO latency comes from
/// the aggregators' own histograms: a stream consumer cannot tell an event-driven NBBO from a staleness republish.)
/// </summary>
/// <remarks>
/// Handlers of different streams run concurrently (one reader per subscription): counters are interlocked and the
/// histogram (a single-writer type) is guarded by a lock. Subscriptions use the default bounded queue with the
/// <see cref="StreamOverflowPolicy.Wait"/> policy, so the observer never loses an event; it back-pressures instead.
/// </remarks>
internal sealed class PipelineObserver : IAsyncDisposable
{
    private readonly IStreamProvider _streams;
    private readonly TimeProvider _time;
    private readonly List<IStreamSubscription> _subscriptions = [];
    private readonly Dictionary<string, long> _lastSequence = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly LatencyHistogram _deltaLatency = new();
    private long _deltas;
    private long _updates;
    private long _trades;
    private long _nbbos;
    private long _sequenceGaps;
    private long _lastEventTicks;

    /// <summary>Creates an observer with no subscriptions.</summary>
    /// <param name="streams">The silo's stream provider.</param>
    /// <param name="time">The silo's clock (receive times are stamped from it), UTC µs resolution.</param>
    public PipelineObserver(IStreamProvider streams, TimeProvider time)
    {
        _streams = streams;
        _time = time;
    }

    /// <summary>Book deltas observed (every kind).</summary>
    public long Deltas => Interlocked.Read(ref _deltas);

    /// <summary>Book deltas of kind <see cref="BookDeltaKind.Update"/> observed (level changes).</summary>
    public long Updates => Interlocked.Read(ref _updates);

    /// <summary>Trades observed.</summary>
    public long Trades => Interlocked.Read(ref _trades);

    /// <summary>NBBO updates observed (event-driven and staleness republishes).</summary>
    public long Nbbos => Interlocked.Read(ref _nbbos);

    /// <summary>Jumps in a book's delta sequence seen by this consumer (lost deltas); must be 0.</summary>
    public long SequenceGaps => Interlocked.Read(ref _sequenceGaps);

    /// <summary>Total events observed (deltas, trades, NBBO updates): the drain check waits for it to stop moving.</summary>
    public long Events => Deltas + Trades + Nbbos;

    /// <summary><see cref="Stopwatch.GetTimestamp"/> of the last event observed; 0 before the first.</summary>
    public long LastEventTimestamp => Interlocked.Read(ref _lastEventTicks);

    /// <summary>Subscribes to one book's <c>book-deltas</c> and <c>trades</c> streams. Call before the book's grain publishes.</summary>
    /// <param name="bookKey">The book key <c>venue:symbol</c>.</param>
    public void WatchBook(string bookKey)
    {
        _lastSequence[bookKey] = 0;
        _subscriptions.Add(_streams.GetStream<BookDelta>(new FanOutStreamId(StreamNamespaces.BookDeltas, bookKey)).Subscribe(d => OnDelta(bookKey, d)));
        _subscriptions.Add(_streams.GetStream<Trade>(new FanOutStreamId(StreamNamespaces.Trades, bookKey)).Subscribe(OnTrade));
    }

    /// <summary>Subscribes to one aggregator's <c>nbbo</c> stream.</summary>
    /// <param name="instrument">The aggregator key (NBBO group key), e.g. <c>BTC-USDT</c>.</param>
    public void WatchNbbo(string instrument) =>
        _subscriptions.Add(_streams.GetStream<AggregatedNbbo>(new FanOutStreamId(StreamNamespaces.Nbbo, instrument)).Subscribe(OnNbbo));

    /// <summary>Receive → book delta observed latency, µs, at a percentile (0..100).</summary>
    /// <param name="percentile">e.g. 50, 99, 99.9.</param>
    /// <returns>Microseconds (log-linear bucket, at most ≈ 1.6 % high); 0 when nothing was observed.</returns>
    public long DeltaLatency(double percentile)
    {
        lock (_lock)
        {
            return _deltaLatency.ValueAtPercentile(percentile);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ValueTask OnDelta(string bookKey, BookDelta delta)
    {
        var now = Timestamp.Now(_time).UnixMicroseconds;
        lock (_lock)
        {
            // One reader per subscription: this book's deltas arrive in order; a jump means a lost delta.
            if (delta.Sequence != _lastSequence[bookKey] + 1)
            {
                Interlocked.Increment(ref _sequenceGaps);
            }

            _lastSequence[bookKey] = delta.Sequence;
            _deltaLatency.Record(now - delta.ReceiveTime.UnixMicroseconds);
        }

        Interlocked.Increment(ref _deltas);
        if (delta.Kind == BookDeltaKind.Update)
        {
            Interlocked.Increment(ref _updates);
        }

        Touch();
        return ValueTask.CompletedTask;
    }

    private ValueTask OnTrade(Trade trade)
    {
        Interlocked.Increment(ref _trades);
        Touch();
        return ValueTask.CompletedTask;
    }

    private ValueTask OnNbbo(AggregatedNbbo nbbo)
    {
        Interlocked.Increment(ref _nbbos);
        Touch();
        return ValueTask.CompletedTask;
    }

    private void Touch() => Interlocked.Exchange(ref _lastEventTicks, Stopwatch.GetTimestamp());
}
