using OrleansFeed.Core.Aggregation.Nbbo;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>Settings of the aggregators (section <c>Aggregation</c>). Validated at start by <see cref="AggregationOptionsValidator"/>.</summary>
public sealed class AggregationOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Aggregation";

    /// <summary>Whether USD, USDT, USDC... are one NBBO (<c>TreatUsdStablecoinsAsOne</c>) or apart (<c>Separate</c>, the default).</summary>
    public QuoteCurrencyPolicy QuoteCurrencyPolicy { get; set; } = QuoteCurrencyPolicy.Separate;

    /// <summary>Maximum quote age before a venue is stale and leaves the NBBO, for venues without their own value. Default 5 s; positive.</summary>
    public TimeSpan MaxQuoteAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-venue overrides by venue id (e.g. <c>binance-futures</c>).</summary>
    public Dictionary<string, AggregationVenueOptions> Venues { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Which clock places the 24 h window and closes candles: <c>System</c> (default, live) or <c>Trades</c> (replayed captures).</summary>
    public AggregationClock Clock { get; set; } = AggregationClock.System;

    /// <summary>How long after a candle's end a late trade may amend it. Default 10 s; 0..1 h.</summary>
    public TimeSpan CandleGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Closed candles kept per interval and series. Default 1440 (a day of 1m candles); 1..100000.</summary>
    public int CandleHistory { get; set; } = 1440;

    /// <summary>Timer period: closes candles, publishes stats and open candles, re-evaluates staleness. Default 1 s; 10 ms..1 min.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the aggregator's state (trade buckets, candles) is saved to grain storage; also on deactivation. A save writes only the segments that changed (nothing when no trade arrived), and instruments are spread over the interval by a hash of their key (docs/aggregation.md, State). Default 30 s; 1 s..1 h.</summary>
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Levels per side fetched from a book when the aggregator (re)loads its mirror. Default 5000 (the book grain's maximum); 1..5000.</summary>
    public int MirrorDepth { get; set; } = 5000;

    /// <summary>The NBBO settings of a venue: its override or the defaults.</summary>
    /// <param name="venue">Venue id.</param>
    /// <returns>The settings.</returns>
    public VenueQuoteConfig QuoteConfigFor(string venue) =>
        Venues.TryGetValue(venue, out var v)
            ? new VenueQuoteConfig(v.MaxQuoteAge ?? MaxQuoteAge, v.TakerFeeBps)
            : new VenueQuoteConfig(MaxQuoteAge, 0m);
}

/// <summary>Per-venue aggregation settings (section <c>Aggregation:Venues:{venue}</c>).</summary>
public sealed class AggregationVenueOptions
{
    /// <summary>Maximum quote age for this venue; null uses <see cref="AggregationOptions.MaxQuoteAge"/>.</summary>
    public TimeSpan? MaxQuoteAge { get; set; }

    /// <summary>Taker fee in basis points (0..10000) for the fee-adjusted NBBO and sweeps. Default 0.</summary>
    public decimal TakerFeeBps { get; set; }
}

/// <summary>The clock that places the 24 h window and closes candles.</summary>
public enum AggregationClock
{
    /// <summary>The silo's TimeProvider: live data.</summary>
    System,

    /// <summary>The latest trade time seen by the aggregator (never backwards): replayed captures, whose times are in the past.</summary>
    Trades,
}
