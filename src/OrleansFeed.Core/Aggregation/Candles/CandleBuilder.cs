using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;

namespace OrleansFeed.Core.Aggregation.Candles;

/// <summary>
/// Builds OHLCV candles of one interval for one venue-instrument, or consolidated when fed every venue's trades.
/// </summary>
/// <remarks>
/// <para><b>Placement.</b> A trade goes to the candle containing its exchange time (receive time when the venue sent
/// none), floored from the Unix epoch in UTC (<see cref="CandleIntervals.Floor"/>).</para>
/// <para><b>Closing.</b> <see cref="Advance"/> (also called by <see cref="OnTrade"/>) closes every candle whose end is
/// at or before <c>now</c>, even without trades: an interval without trades gives an empty candle with
/// O = H = L = C = previous close, zero volume, <see cref="Candle.IsEmpty"/>. Before the first trade no candle exists.
/// One call emits at most <see cref="CandleBuilderOptions.HistoryCapacity"/> empty candles; earlier ones in a longer
/// gap are skipped and counted in <see cref="SkippedEmptyCount"/>.</para>
/// <para><b>Late trades.</b> A trade whose candle has closed amends it (and is flagged <see cref="Candle.IsAmended"/>,
/// then emitted again) when <c>now − candle end ≤ GracePeriod</c> and the candle is still in the history; otherwise
/// it is counted in <see cref="RejectedLateCount"/>. An amended close is not carried into later empty candles.</para>
/// <para><b>Output.</b> Closed and amended candles are queued; the caller drains them with <see cref="TryTakeEmitted"/>
/// and publishes them. The queue keeps at most <c>HistoryCapacity</c> candles (oldest dropped, counted in
/// <see cref="DroppedEmittedCount"/>). Not thread-safe: owned by one grain activation.</para>
/// </remarks>
public sealed partial class CandleBuilder
{
    private readonly CandleBuilderOptions _options;
    private readonly long _width;
    private readonly long _grace;
    private readonly long _skew;
    private CandleAccumulator _open;
    private bool _hasOpen;
    private long _sequence;

    /// <summary>Creates a builder with no candles.</summary>
    /// <param name="interval">The candle interval.</param>
    /// <param name="options">Settings; <see cref="CandleBuilderOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown interval or an option out of range.</exception>
    public CandleBuilder(CandleInterval interval, CandleBuilderOptions? options = null)
    {
        _options = options ?? CandleBuilderOptions.Default;
        _options.Validate();
        Interval = interval;
        _width = CandleIntervals.Microseconds(interval);
        _grace = _options.GracePeriod.Ticks / TimeSpan.TicksPerMicrosecond;
        _skew = _options.MaxClockSkew.Ticks / TimeSpan.TicksPerMicrosecond;
        _capacity = _options.HistoryCapacity;
        _chunks = new CandleAccumulator[]?[(_capacity + ChunkSize - 1) / ChunkSize];
    }

    /// <summary>The candle interval.</summary>
    public CandleInterval Interval { get; }

    /// <summary>The open (current) candle, or null before the first trade.</summary>
    public Candle? OpenCandle => _hasOpen ? _open.ToCandle(Interval, _width, closed: false) : null;

    /// <summary>Late trades rejected since creation (beyond grace or out of history).</summary>
    public long RejectedLateCount { get; private set; }

    /// <summary>Trades rejected as too far ahead of now since creation.</summary>
    public long TooFarAheadCount { get; private set; }

    /// <summary>Trades with zero or negative price or size since creation.</summary>
    public long InvalidCount { get; private set; }

    /// <summary>Empty candles skipped in long gaps since creation (see remarks).</summary>
    public long SkippedEmptyCount { get; private set; }

    /// <summary>Emitted candles dropped because the caller did not drain the queue.</summary>
    public long DroppedEmittedCount { get; private set; }

    /// <summary>Adds a trade. Closes due candles first (as <see cref="Advance"/>). Never throws on bad input.</summary>
    /// <param name="trade">The trade.</param>
    /// <param name="now">Current time (UTC, µs) from the caller's <see cref="TimeProvider"/>.</param>
    /// <returns>What happened to the trade.</returns>
    public CandleTradeOutcome OnTrade(in Trade trade, Timestamp now)
    {
        if (trade.Price.Mantissa <= 0 || trade.Size.Mantissa <= 0)
        {
            InvalidCount++;
            return CandleTradeOutcome.Invalid;
        }

        Advance(now);
        var time = (trade.ExchangeTime.IsNone ? trade.ReceiveTime : trade.ExchangeTime).UnixMicroseconds;
        if (time > now.UnixMicroseconds + _skew)
        {
            TooFarAheadCount++;
            return CandleTradeOutcome.TooFarAhead;
        }

        var start = CandleIntervals.FloorMicroseconds(time, _width);
        if (!_hasOpen)
        {
            _open = CandleAccumulator.Empty(start, default);
            _hasOpen = true;
        }
        else if (start > _open.Start)
        {
            // Within the clock skew the trade may belong to the next interval: close up to it.
            CloseThrough(start);
        }
        else if (start < _open.Start)
        {
            return Amend(trade, time, start, now);
        }

        _open.Add(trade.Price, trade.Size, time, _sequence++);
        OpenChanged = true;

        // A first trade far in the past opens a candle that is already due.
        Advance(now);
        return CandleTradeOutcome.Accepted;
    }

    /// <summary>Closes every candle whose end is at or before <paramref name="now"/>, emitting it, and opens the next.</summary>
    /// <param name="now">Current time (UTC, µs) from the caller's <see cref="TimeProvider"/>.</param>
    public void Advance(Timestamp now)
    {
        if (_hasOpen && _open.Start + _width <= now.UnixMicroseconds)
        {
            CloseThrough(CandleIntervals.FloorMicroseconds(now.UnixMicroseconds, _width));
        }
    }

    // Closes the open candle and the empty ones after it, leaving the candle at newStart open.
    private void CloseThrough(long newStart)
    {
        Close(_open);
        var previousClose = _open.Close;
        var next = _open.Start + _width;
        var gap = (newStart - next) / _width;
        if (gap > _capacity)
        {
            SkippedEmptyCount += gap - _capacity;
            next += (gap - _capacity) * _width;
        }

        // The gap's empty candles go into the history one by one but are queued for publication as one run.
        var firstEmpty = next;
        var empties = 0;
        for (; next < newStart; next += _width)
        {
            var empty = CandleAccumulator.Empty(next, previousClose);
            MarkClosed(empty);
            PushHistory(empty);
            empties++;
        }

        if (empties > 0)
        {
            EmitRun(CandleAccumulator.Empty(firstEmpty, previousClose).ToCandle(Interval, _width, closed: true), empties);
        }

        _open = CandleAccumulator.Empty(newStart, previousClose);
    }

    private void Close(in CandleAccumulator candle)
    {
        MarkClosed(candle);
        PushHistory(candle);
        Emit(candle.ToCandle(Interval, _width, closed: true));
    }

    private CandleTradeOutcome Amend(in Trade trade, long time, long start, Timestamp now)
    {
        if (now.UnixMicroseconds - (start + _width) > _grace || !TryFindHistory(start, out var slot))
        {
            RejectedLateCount++;
            return CandleTradeOutcome.RejectedLate;
        }

        ref var candle = ref At(slot);
        candle.Add(trade.Price, trade.Size, time, _sequence++);
        candle.IsAmended = true;
        ChangedFromStart = Math.Min(ChangedFromStart, start);
        Emit(candle.ToCandle(Interval, _width, closed: true));
        return CandleTradeOutcome.Amended;
    }
}
