using System.Globalization;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Depth;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Aggregation.Stats;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Api.Contracts.Aggregation;

/// <summary>Maps aggregator answers to the v1 JSON contracts: decimal strings, ISO-8601 µs times, lower-case enums.
/// Public so the replay command writes the same shapes as the API. Pure functions; never throw on valid grain values.</summary>
public static class AggregationMapper
{
    /// <summary>The NBBO body.</summary>
    /// <param name="n">The aggregator NBBO.</param>
    /// <returns>The DTO.</returns>
    public static NbboDto ToDto(AggregatedNbbo n) => new(
        n.Instrument,
        n.Sequence,
        Side(n.Nbbo.BidPrice, n.Nbbo.BidSize, n.Nbbo.BidVenues),
        Side(n.Nbbo.AskPrice, n.Nbbo.AskSize, n.Nbbo.AskVenues),
        Text(n.Nbbo.Spread),
        n.Nbbo.IsLocked,
        n.Nbbo.IsCrossed,
        n.Nbbo.EligibleVenueCount,
        new NbboPricesDto(
            Side(n.FeeAdjusted.BidPrice, n.FeeAdjusted.BidSize, n.FeeAdjusted.BidVenues),
            Side(n.FeeAdjusted.AskPrice, n.FeeAdjusted.AskSize, n.FeeAdjusted.AskVenues)),
        [.. n.Venues.Select(v => new NbboVenueDto(
            v.Venue,
            v.Symbol,
            v.Canonical,
            EligibilityText(v.Eligibility),
            v.BidPrice is { } bp ? new LevelDto(Text(bp), Text(v.BidSize)) : null,
            v.AskPrice is { } ap ? new LevelDto(Text(ap), Text(v.AskSize)) : null,
            DtoMapper.Time(v.ReceiveTime)))],
        DtoMapper.Time(n.Nbbo.ExchangeTime),
        DtoMapper.Time(n.Nbbo.ReceiveTime),
        DtoMapper.Time(n.PublishTime));

    /// <summary>The consolidated depth body.</summary>
    /// <param name="d">The depth.</param>
    /// <returns>The DTO.</returns>
    public static DepthDto ToDto(AggregatedDepth d) => new(d.Instrument, d.Venues, Levels(d.Bids), Levels(d.Asks), DtoMapper.Time(d.AsOf));

    /// <summary>The statistics body.</summary>
    /// <param name="s">The statistics.</param>
    /// <returns>The DTO.</returns>
    public static StatsDto ToDto(AggregatedStats s) => new(
        s.Instrument,
        DtoMapper.Time(s.AsOf),
        ToDto(s.Consolidated),
        [.. s.Venues.Select(v => new VenueStatsDto(v.Venue, v.Symbol, ToDto(v.Stats), v.Ticker is { } t ? ToDto(t) : null))]);

    /// <summary>A venue's own 24 h ticker against our window.</summary>
    /// <param name="c">The comparison.</param>
    /// <returns>The DTO; the venue's values keep their original text.</returns>
    public static VenueTickerDto ToDto(VenueTickerComparison c)
    {
        var v = c.Venue;
        var d = c.Difference;
        return new VenueTickerDto(
            v.Open?.ToString(),
            v.High?.ToString(),
            v.Low?.ToString(),
            v.Last.ToString(),
            v.Volume?.ToString(),
            DtoMapper.Time(v.ExchangeTime),
            DtoMapper.Time(v.ReceiveTime),
            new TickerDifferenceDto(Text(d.BaseVolume), Text(d.BaseVolumePercent), Text(d.Last), Text(d.High), Text(d.Low)),
            c.WindowComplete);
    }

    /// <summary>One rolling window.</summary>
    /// <param name="s">The window snapshot.</param>
    /// <returns>The DTO; prices null when the window holds no trade.</returns>
    public static StatsWindowDto ToDto(RollingStatsSnapshot s)
    {
        var any = s.TradeCount > 0;
        return new StatsWindowDto(
            DtoMapper.Time(s.WindowStart),
            DtoMapper.Time(s.WindowEnd),
            s.TradeCount,
            any ? s.Open.ToString() : null,
            any ? s.High.ToString() : null,
            any ? s.Low.ToString() : null,
            any ? s.Last.ToString() : null,
            Text(s.BaseVolume),
            Text(s.QuoteVolume),
            Text(s.Vwap),
            any ? Text(s.PriceChange) : null,
            Text(s.PriceChangePercent),
            s.IsExact);
    }

    /// <summary>A candle list.</summary>
    /// <param name="s">The series.</param>
    /// <returns>The DTO.</returns>
    public static CandlesDto ToDto(CandleSeries s) => new(
        s.Instrument, s.Venue, CandleIntervals.Name(s.Interval), [.. s.Candles.Select(c => ToDto(s.Instrument, s.Venue, c))]);

    /// <summary>One candle.</summary>
    /// <param name="instrument">Aggregator key.</param>
    /// <param name="venue">Venue id; null for consolidated.</param>
    /// <param name="c">The candle.</param>
    /// <returns>The DTO.</returns>
    public static CandleDto ToDto(string instrument, string? venue, Candle c) => new(
        instrument,
        venue,
        CandleIntervals.Name(c.Interval),
        DtoMapper.Time(c.Start),
        DtoMapper.Time(c.End),
        c.Open.ToString(),
        c.High.ToString(),
        c.Low.ToString(),
        c.Close.ToString(),
        Text(c.Volume),
        Text(c.QuoteVolume),
        Text(c.Vwap),
        c.TradeCount,
        c.IsClosed,
        c.IsEmpty,
        c.IsAmended);

    /// <summary>The contract text of an eligibility: <c>eligible</c>, <c>no-quote</c>, <c>unverified</c>, <c>stale</c>, <c>halted</c>.</summary>
    /// <param name="e">The eligibility.</param>
    /// <returns>The text.</returns>
    public static string EligibilityText(VenueEligibility e) => e switch
    {
        VenueEligibility.Eligible => "eligible",
        VenueEligibility.NoQuote => "no-quote",
        VenueEligibility.Unverified => "unverified",
        VenueEligibility.Stale => "stale",
        VenueEligibility.Halted => "halted",
        _ => "unknown",
    };

    /// <summary>Parses an interval name (<c>1m</c>, <c>5m</c>, <c>15m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>; case-sensitive).</summary>
    /// <param name="text">The name.</param>
    /// <param name="interval">The interval.</param>
    /// <returns>False for any other text.</returns>
    public static bool TryParseInterval(string? text, out CandleInterval interval)
    {
        foreach (var candidate in CandleIntervals.All)
        {
            if (string.Equals(CandleIntervals.Name(candidate), text, StringComparison.Ordinal))
            {
                interval = candidate;
                return true;
            }
        }

        interval = default;
        return false;
    }

    /// <summary>A decimal as an invariant decimal string (scale kept).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal as an invariant decimal string, or null.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text or null.</returns>
    public static string? Text(decimal? value) => value is { } v ? Text(v) : null;

    private static NbboSideDto? Side(decimal? price, decimal size, IReadOnlyList<VenueSize> venues) =>
        price is { } p ? new NbboSideDto(Text(p), Text(size), [.. venues.Select(v => new VenueSizeDto(v.Venue, Text(v.Size)))]) : null;

    private static DepthLevelDto[] Levels(IReadOnlyList<ConsolidatedLevel> levels) =>
        [.. levels.Select(l => new DepthLevelDto(Text(l.Price), Text(l.TotalSize), [.. l.Venues.Select(v => new VenueSizeDto(v.Venue, Text(v.Size)))]))];
}
