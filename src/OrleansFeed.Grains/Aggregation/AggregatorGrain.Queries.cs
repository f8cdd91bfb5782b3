using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Depth;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Grains.Aggregation;

public sealed partial class AggregatorGrain
{
    private const int MaxDepthLevels = 1000;
    private readonly SweepCalculator _sweep = new();

    /// <inheritdoc />
    public Task<AggregatedNbbo> GetNbboAsync()
    {
        // Staleness is evaluated at the call; the sequence is that of the last published update.
        var current = ComputeNbbo(Timestamp.Now(TimeProvider)) with { Sequence = _nbboSequence };
        return Task.FromResult(current);
    }

    /// <inheritdoc />
    public Task<AggregatedDepth> GetDepthAsync(int levels)
    {
        levels = Math.Clamp(levels, 1, MaxDepthLevels);
        var now = Timestamp.Now(TimeProvider);
        var venues = new List<VenueDepth>();
        foreach (var mirror in Eligible(now))
        {
            venues.Add(new VenueDepth(mirror.Label, mirror.Book.ToArray(BookSide.Bid, levels), mirror.Book.ToArray(BookSide.Ask, levels)));
        }

        var view = ConsolidatedDepth.Merge(venues, levels);
        return Task.FromResult(new AggregatedDepth(GrainKey, view.Bids, view.Asks, [.. venues.Select(v => v.Venue)], now));
    }

    /// <inheritdoc />
    public Task<SweepResult> GetSweepAsync(SweepSide side, decimal size, NbboPriceMode mode)
    {
        _sweep.Clear();
        foreach (var mirror in Eligible(Timestamp.Now(TimeProvider)))
        {
            var fee = _options.QuoteConfigFor(mirror.Venue).TakerFeeBps;
            _sweep.AddVenue(mirror.Label, mirror.Book.ToArray(BookSide.Bid, MaxDepthLevels), mirror.Book.ToArray(BookSide.Ask, MaxDepthLevels), fee);
        }

        return Task.FromResult(_sweep.Sweep(side, size, mode));
    }

    /// <inheritdoc />
    public Task<AggregatedStats> GetStatsAsync() => Task.FromResult(BuildStats(TradeNow()));

    /// <inheritdoc />
    public Task<CandleSeries> GetCandlesAsync(CandleInterval interval, Timestamp start, Timestamp end, string? venue)
    {
        TradeSeries? series = venue is null ? _consolidated : _mirrors.Find(m => string.Equals(m.Venue, venue, StringComparison.Ordinal))?.Trades;
        var candles = new List<Candle>();
        if (series is not null && Enum.IsDefined(interval))
        {
            var builder = series.Builder(interval);
            builder.Advance(TradeNow());
            builder.CopyHistory(start, end, candles);
            if (builder.OpenCandle is { } open && open.Start >= start && open.Start < end)
            {
                candles.Add(open);
            }
        }

        return Task.FromResult(new CandleSeries(GrainKey, venue, interval, candles));
    }

    /// <inheritdoc />
    public Task<NbboLatency> GetLatencyAsync() => Task.FromResult(new NbboLatency(
        _fromReceive.Count,
        _fromReceive.ValueAtPercentile(50),
        _fromReceive.ValueAtPercentile(99),
        _fromReceive.ValueAtPercentile(99.9),
        _fromReceive.MaxMicroseconds,
        _fromExchange.MeasuredValueAtPercentile(50),
        _fromExchange.MeasuredValueAtPercentile(99),
        _fromExchange.MeasuredValueAtPercentile(99.9),
        _fromExchange.Count == 0 ? null : _fromExchange.MaxMicroseconds));

    private IEnumerable<VenueMirror> Eligible(Timestamp now) =>
        _mirrors.Where(m => _nbbo.GetEligibility(m.Label, now) == VenueEligibility.Eligible);
}
