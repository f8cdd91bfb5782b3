using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Aggregation.Stats;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Grains.Aggregation;

public sealed partial class AggregatorGrain
{
    // Stats are published when trades arrived since the last tick, and at least this often so the window's
    // evictions reach subscribers of a quiet instrument.
    private const int StatsHeartbeatTicks = 60;

    private AggregatedNbbo ComputeNbbo(Timestamp now) =>
        new(GrainKey, _nbboSequence, _nbbo.Compute(now), _nbbo.Compute(now, NbboPriceMode.FeeAdjusted), VenueStatuses(now), now);

    private VenueQuoteStatus[] VenueStatuses(Timestamp now)
    {
        var venues = new VenueQuoteStatus[_mirrors.Count];
        for (var i = 0; i < _mirrors.Count; i++)
        {
            var m = _mirrors[i];
            var q = m.Quote();
            venues[i] = new VenueQuoteStatus(
                m.Venue,
                m.Instrument.Symbol,
                m.Instrument.Canonical,
                _nbbo.GetEligibility(m.Label, now),
                q.HasBid ? q.BidPrice.ToDecimal() : null,
                q.BidSize.ToDecimal(),
                q.HasAsk ? q.AskPrice.ToDecimal() : null,
                q.AskSize.ToDecimal(),
                m.ReceiveTime);
        }

        return venues;
    }

    private async ValueTask PublishNbboIfChangedAsync(bool measure)
    {
        var now = Timestamp.Now(TimeProvider);
        var raw = _nbbo.Compute(now);
        var fee = _nbbo.Compute(now, NbboPriceMode.FeeAdjusted);
        if (_lastNbbo is { } last && SameQuote(last.Nbbo, raw) && SameQuote(last.FeeAdjusted, fee))
        {
            return;
        }

        var next = new AggregatedNbbo(GrainKey, ++_nbboSequence, raw, fee, VenueStatuses(now), now);
        _lastNbbo = next;
        if (measure)
        {
            _fromReceive.Record(now.UnixMicroseconds - next.Nbbo.ReceiveTime.UnixMicroseconds);
            long? fromExchange = null;
            if (_options.Clock == AggregationClock.System && !next.Nbbo.ExchangeTime.IsNone)
            {
                // Under the Trades clock the exchange times are a recording's: a latency against them means nothing.
                fromExchange = now.UnixMicroseconds - next.Nbbo.ExchangeTime.UnixMicroseconds;
                _fromExchange.Record(fromExchange.Value);
            }

            NbboMetrics.Record(now.UnixMicroseconds - next.Nbbo.ReceiveTime.UnixMicroseconds, fromExchange);
        }

        await _nbboStream.OnNextAsync(next);
    }

    // Equal prices, sizes, venues at the best, flags and eligible count: a republish would tell consumers nothing.
    private static bool SameQuote(Nbbo a, Nbbo b) =>
        a.BidPrice == b.BidPrice && a.AskPrice == b.AskPrice && a.BidSize == b.BidSize && a.AskSize == b.AskSize
        && a.IsLocked == b.IsLocked && a.IsCrossed == b.IsCrossed && a.EligibleVenueCount == b.EligibleVenueCount
        && a.BidVenues.SequenceEqual(b.BidVenues) && a.AskVenues.SequenceEqual(b.AskVenues);

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        foreach (var mirror in _mirrors)
        {
            if (!mirror.Loaded)
            {
                StartReload(mirror);
            }
        }

        // Staleness moves with time alone: a venue may leave (or rejoin) the NBBO without any event.
        await PublishNbboIfChangedAsync(measure: false);

        var now = TradeNow();
        foreach (var mirror in _mirrors)
        {
            mirror.Trades.Advance(now);
            await PublishEmittedAsync(mirror.Venue, mirror.Trades);
            await PublishOpenAsync(mirror.Venue, mirror.Trades);
        }

        _consolidated.Advance(now);
        await PublishEmittedAsync(null, _consolidated);
        await PublishOpenAsync(null, _consolidated);

        if (_statsDirty || ++_ticksSinceStats >= StatsHeartbeatTicks)
        {
            _statsDirty = false;
            _ticksSinceStats = 0;
            await _statsStream.OnNextAsync(BuildStats(now), cancellationToken);
        }
    }

    private async ValueTask PublishEmittedAsync(string? venue, TradeSeries series)
    {
        foreach (var builder in series.Candles)
        {
            while (builder.TryTakeEmitted(out var candle))
            {
                await _candleStream.OnNextAsync(new CandleUpdate(GrainKey, venue, candle));
            }
        }
    }

    private async ValueTask PublishOpenAsync(string? venue, TradeSeries series)
    {
        if (!series.TakeTraded())
        {
            return;
        }

        foreach (var builder in series.Candles)
        {
            if (builder.OpenCandle is { } open)
            {
                await _candleStream.OnNextAsync(new CandleUpdate(GrainKey, venue, open));
            }
        }
    }

    private AggregatedStats BuildStats(Timestamp now) => new(
        GrainKey,
        now,
        _consolidated.Stats.Snapshot(now),
        [.. _mirrors.Select(m => VenueStatsOf(m, now))]);

    private static VenueStats VenueStatsOf(VenueMirror mirror, Timestamp now)
    {
        var ours = mirror.Trades.Stats.Snapshot(now);
        if (mirror.VenueTicker is not { } ticker)
        {
            return new VenueStats(mirror.Venue, mirror.Instrument.Symbol, ours);
        }

        // Our window holds only the trades received since this activation's first one: before 24 h of them the
        // difference mostly measures the missing history, so it is flagged rather than hidden.
        var complete = !mirror.FirstTradeTime.IsNone && mirror.FirstTradeTime <= ours.WindowStart;
        var comparison = new VenueTickerComparison(ticker, TickerComparison.Compare(ours, ticker.ToVenueTicker()), complete);
        return new VenueStats(mirror.Venue, mirror.Instrument.Symbol, ours, comparison);
    }
}
