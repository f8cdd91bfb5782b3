using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Stats;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Silo.Replay;

/// <summary>
/// Collects what the replay needs for the aggregates: every trade with aligned times, and per book (or traded
/// instrument without a book) its final state with the aligned receive time of its last book event. Hooked to <see cref="ReplayEngine"/>'s observers.
/// </summary>
internal sealed class ReplayAggregation
{
    private readonly List<AlignedTrade> _trades = [];
    private readonly Dictionary<string, ReplayBookFinal> _books = new(StringComparer.Ordinal);
    private long _offset;
    private long _recordTime;
    private long _end = long.MinValue;

    public IReadOnlyDictionary<string, ReplayBookFinal> Books => _books;

    /// <summary>Latest aligned record time over all sessions (UTC, µs): when the final values are evaluated.</summary>
    public Timestamp End => new(_end == long.MinValue ? 0 : _end);

    public void Attach(ReplayEngine engine)
    {
        engine.TradeObserver = OnTrade;
        engine.BookObserver = OnBook;
    }

    /// <summary>Yields a session's records, tracking the current (aligned) record time for the observers.</summary>
    public IEnumerable<CaptureRecord> Track(IReadOnlyList<CaptureRecord> records, long offset)
    {
        _offset = offset;
        foreach (var record in records)
        {
            _recordTime = record.Time.UnixMicroseconds + offset;
            _end = Math.Max(_end, _recordTime);
            yield return record;
        }
    }

    /// <summary>Trades of all sessions in aligned time order (stable: ties keep arrival order).</summary>
    public IEnumerable<AlignedTrade> TradesInTimeOrder() => _trades.OrderBy(t => Time(t.Trade));

    public static long Time(in Trade trade) => (trade.ExchangeTime.IsNone ? trade.ReceiveTime : trade.ExchangeTime).UnixMicroseconds;

    private void OnTrade(ReplayBook book, Trade trade)
    {
        var aligned = trade with
        {
            ExchangeTime = ReplayAlignment.Shift(trade.ExchangeTime, _offset),
            ReceiveTime = ReplayAlignment.Shift(trade.ReceiveTime, _offset),
        };
        var key = book.Instrument.Key.ToString();
        _trades.Add(new AlignedTrade(key, book, aligned));

        // A traded instrument has stats and candles with or without a book (e.g. a trade-only capture): it joins the
        // aggregates here; without book events its NBBO status shows no quote.
        _books.TryAdd(key, new ReplayBookFinal(book, new Timestamp(_recordTime)));
    }

    private void OnBook(ReplayBook book, SyncResult result) =>
        _books[book.Instrument.Key.ToString()] = new ReplayBookFinal(book, new Timestamp(_recordTime));
}

/// <summary>A trade with its times shifted to the common start.</summary>
/// <param name="Book">Book key.</param>
/// <param name="Source">The book.</param>
/// <param name="Trade">The trade, aligned.</param>
internal readonly record struct AlignedTrade(string Book, ReplayBook Source, Trade Trade);

/// <summary>A book at the end of the replay and the aligned receive time of its last book event.</summary>
/// <param name="Book">The book.</param>
/// <param name="LastEvent">Aligned time of its last handled book event (UTC, µs).</param>
internal sealed record ReplayBookFinal(ReplayBook Book, Timestamp LastEvent);

/// <summary>The trade series of one book or consolidated, as the grain keeps it.</summary>
internal sealed class ReplaySeries
{
    public RollingTradeStats Stats { get; } = new();

    public CandleBuilder[] Candles { get; } = [.. CandleIntervals.All.Select(i => new CandleBuilder(i))];

    public void OnTrade(in Trade trade, Timestamp now)
    {
        Stats.OnTrade(trade, now);
        foreach (var builder in Candles)
        {
            builder.OnTrade(trade, now);
        }
    }

    public void Advance(Timestamp now)
    {
        Stats.Evict(now);
        foreach (var builder in Candles)
        {
            builder.Advance(now);
        }
    }

    public List<Candle> AllCandles(CandleInterval interval)
    {
        var builder = Candles[(int)interval];
        var list = new List<Candle>();
        builder.CopyHistory(new Timestamp(long.MinValue), new Timestamp(long.MaxValue), list);
        if (builder.OpenCandle is { } open)
        {
            list.Add(open);
        }

        return list;
    }
}
