using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Aggregation.Stats;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.Tests.Fakes;

/// <summary>An <see cref="IAggregatorGrain"/> with fixed answers; records the last candle query; publishes on the fake streams.</summary>
internal sealed class FakeAggregatorGrain(string key, IStreamProvider streams) : IAggregatorGrain
{
    public static readonly Timestamp Time = new(1_700_000_000_123_456);

    public (CandleInterval Interval, Timestamp Start, Timestamp End, string? Venue)? LastCandleQuery { get; private set; }

    public long Sequence { get; set; } = 5;

    public static Nbbo Nbbo(string key, decimal bid, decimal ask) => new(
        key, NbboPriceMode.Raw, bid, 1.5m, [new VenueSize("binance", 1.5m)], ask, 2.25m, [new VenueSize("binance", 0.25m), new VenueSize("kraken", 2m)],
        false, false, 2, Time, Time);

    public AggregatedNbbo Current(decimal bid) => new(
        key,
        Sequence,
        Nbbo(key, bid, 100.20m),
        Nbbo(key, bid - 0.1m, 100.30m) with { PriceMode = NbboPriceMode.FeeAdjusted },
        [new VenueQuoteStatus("binance", "BTCUSDT", key, VenueEligibility.Eligible, bid, 1.5m, 100.20m, 0.25m, Time)],
        Time);

    public Task EnsureActiveAsync() => Task.CompletedTask;

    public Task<AggregatedNbbo> GetNbboAsync() => Task.FromResult(Current(100.10m));

    public Task<AggregatedDepth> GetDepthAsync(int levels) => Task.FromResult(new AggregatedDepth(
        key,
        [new Core.Aggregation.Depth.ConsolidatedLevel(100.10m, 1.5m, [new VenueSize("binance", 1.5m)])],
        [.. Enumerable.Range(0, Math.Min(levels, 2)).Select(i => new Core.Aggregation.Depth.ConsolidatedLevel(100.20m + i, 2m, [new VenueSize("binance", 1m), new VenueSize("kraken", 1m)]))],
        ["binance", "kraken"],
        Time));

    public Task<SweepResult> GetSweepAsync(SweepSide side, decimal size, NbboPriceMode mode) => throw new NotSupportedException();

    public Task<AggregatedStats> GetStatsAsync() => Task.FromResult(Stats());

    public AggregatedStats Stats()
    {
        var s = new RollingStatsSnapshot(
            new Timestamp(Time.UnixMicroseconds - 86_400_000_000), Time, 2, FixedDecimal.Parse("100.00"), FixedDecimal.Parse("101.5"),
            FixedDecimal.Parse("100.00"), FixedDecimal.Parse("101.5"), 3m, 302.5m, 302.5m / 3m, 1.5m, 1.5m, Time, Time, true);
        return new AggregatedStats(key, Time, s, [new VenueStats("binance", "BTCUSDT", s)]);
    }

    public Task<CandleSeries> GetCandlesAsync(CandleInterval interval, Timestamp start, Timestamp end, string? venue)
    {
        LastCandleQuery = (interval, start, end, venue);
        return Task.FromResult(new CandleSeries(key, venue, interval, [Candle(interval, 1_699_999_980_000_000, closed: true)]));
    }

    public static Candle Candle(CandleInterval interval, long start, bool closed) => new(
        interval, new Timestamp(start), new Timestamp(start + CandleIntervals.Microseconds(interval)),
        FixedDecimal.Parse("100.00"), FixedDecimal.Parse("101.5"), FixedDecimal.Parse("99.9"), FixedDecimal.Parse("101.0"), 2m, 201m, 3, closed, false, false);

    public Task<NbboLatency> GetLatencyAsync() => Task.FromResult(new NbboLatency(0, 0, 0, 0, 0, 0, 0, 0, 0));

    public ValueTask PublishNbboAsync(AggregatedNbbo nbbo) =>
        streams.GetStream<AggregatedNbbo>(new FanOutStreamId(StreamNamespaces.Nbbo, key)).OnNextAsync(nbbo);

    public ValueTask PublishCandleAsync(CandleUpdate update) =>
        streams.GetStream<CandleUpdate>(new FanOutStreamId(StreamNamespaces.Candles, key)).OnNextAsync(update);
}
