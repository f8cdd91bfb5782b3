using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Contracts.Aggregation;
using OrleansFeed.Api.Problems;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.Rest;

/// <summary>
/// Consolidated data per canonical instrument: <c>GET /api/v1/nbbo/{instrument}</c>, <c>/nbbo/{instrument}/latency</c>, <c>/depth/{instrument}?levels=</c>,
/// <c>/stats/{instrument}</c>, <c>/candles/{instrument}?interval=&amp;start=&amp;end=&amp;venue=</c> (docs/rest-api.md).
/// </summary>
internal static class AggregationEndpoints
{
    public const int DefaultDepthLevels = 20;
    public const int MaxDepthLevels = 1000;
    public const int DefaultCandleCount = 100;
    public const int MaxCandleCount = 5000;

    public static RouteGroupBuilder MapAggregation(this RouteGroupBuilder api)
    {
        api.MapGet("/nbbo/{instrument}", GetNbboAsync).WithTags("Aggregation").WithName("GetNbbo");
        api.MapGet("/nbbo/{instrument}/latency", GetLatencyAsync).WithTags("Aggregation").WithName("GetNbboLatency");
        api.MapGet("/depth/{instrument}", GetDepthAsync).WithTags("Aggregation").WithName("GetConsolidatedDepth");
        api.MapGet("/stats/{instrument}", GetStatsAsync).WithTags("Aggregation").WithName("GetStats");
        api.MapGet("/candles/{instrument}", GetCandlesAsync).WithTags("Aggregation").WithName("GetCandles");
        return api;
    }

    private static async Task<Results<Ok<NbboDto>, ProblemHttpResult>> GetNbboAsync(
        string instrument, IInstrumentCatalog catalog, IOptions<AggregationOptions> options, IGrainFactory grains)
    {
        if (!AggregationKeys.TryResolve(catalog, instrument, options.Value.QuoteCurrencyPolicy, out var key))
        {
            return ApiProblems.UnknownInstrument(instrument);
        }

        return TypedResults.Ok(AggregationMapper.ToDto(await grains.GetGrain<IAggregatorGrain>(key).GetNbboAsync()));
    }

    private static async Task<Results<Ok<NbboLatency>, ProblemHttpResult>> GetLatencyAsync(
        string instrument, IInstrumentCatalog catalog, IOptions<AggregationOptions> options, IGrainFactory grains)
    {
        if (!AggregationKeys.TryResolve(catalog, instrument, options.Value.QuoteCurrencyPolicy, out var key))
        {
            return ApiProblems.UnknownInstrument(instrument);
        }

        return TypedResults.Ok(await grains.GetGrain<IAggregatorGrain>(key).GetLatencyAsync());
    }

    private static async Task<Results<Ok<DepthDto>, ProblemHttpResult>> GetDepthAsync(
        string instrument, string? levels, IInstrumentCatalog catalog, IOptions<AggregationOptions> options, IGrainFactory grains)
    {
        if (!IntParameter.TryParse(levels, DefaultDepthLevels, 1, MaxDepthLevels, out var count))
        {
            return ApiProblems.BadParameter("levels", levels, $"must be an integer in 1..{MaxDepthLevels}");
        }

        if (!AggregationKeys.TryResolve(catalog, instrument, options.Value.QuoteCurrencyPolicy, out var key))
        {
            return ApiProblems.UnknownInstrument(instrument);
        }

        return TypedResults.Ok(AggregationMapper.ToDto(await grains.GetGrain<IAggregatorGrain>(key).GetDepthAsync(count)));
    }

    private static async Task<Results<Ok<StatsDto>, ProblemHttpResult>> GetStatsAsync(
        string instrument, IInstrumentCatalog catalog, IOptions<AggregationOptions> options, IGrainFactory grains)
    {
        if (!AggregationKeys.TryResolve(catalog, instrument, options.Value.QuoteCurrencyPolicy, out var key))
        {
            return ApiProblems.UnknownInstrument(instrument);
        }

        return TypedResults.Ok(AggregationMapper.ToDto(await grains.GetGrain<IAggregatorGrain>(key).GetStatsAsync()));
    }

    private static async Task<Results<Ok<CandlesDto>, ProblemHttpResult>> GetCandlesAsync(
        string instrument,
        string? interval,
        string? start,
        string? end,
        string? venue,
        IInstrumentCatalog catalog,
        IOptions<AggregationOptions> options,
        IGrainFactory grains)
    {
        var name = string.IsNullOrEmpty(interval) ? "1m" : interval;
        if (!AggregationMapper.TryParseInterval(name, out var parsed))
        {
            return ApiProblems.BadParameter("interval", interval, "must be one of 1m, 5m, 15m, 1h, 4h, 1d");
        }

        if (!TimeParameter.TryParse(start, out var from))
        {
            return ApiProblems.BadParameter("start", start, "must be Unix milliseconds or an ISO-8601 time");
        }

        if (!TimeParameter.TryParse(end, out var to))
        {
            return ApiProblems.BadParameter("end", end, "must be Unix milliseconds or an ISO-8601 time");
        }

        var width = CandleIntervals.Microseconds(parsed);

        // Without bounds: the newest candles kept, whatever the aggregation clock (live or replayed trades).
        var latestOnly = from is null && to is null;
        var fromTime = from ?? (to is { } t ? new Timestamp(t.UnixMicroseconds - (DefaultCandleCount * width)) : new Timestamp(long.MinValue));
        var toTime = to ?? (from is { } f ? new Timestamp(f.UnixMicroseconds + (MaxCandleCount * width)) : new Timestamp(long.MaxValue));
        if (!latestOnly && fromTime >= toTime)
        {
            return ApiProblems.BadParameter("start", start, "must be before 'end'");
        }

        if (!latestOnly && (toTime.UnixMicroseconds - fromTime.UnixMicroseconds) / width > MaxCandleCount)
        {
            return ApiProblems.BadParameter("start", start, $"must be at most {MaxCandleCount} intervals before 'end'");
        }

        if (!AggregationKeys.TryResolve(catalog, instrument, options.Value.QuoteCurrencyPolicy, out var key))
        {
            return ApiProblems.UnknownInstrument(instrument);
        }

        var venueId = string.IsNullOrEmpty(venue) ? null : venue.ToLowerInvariant();
        var books = AggregationKeys.Books(catalog, key, options.Value.QuoteCurrencyPolicy);
        if (venueId is not null && !books.Any(b => b.Venue == venueId))
        {
            return ApiProblems.BadParameter("venue", venue, $"must be a venue trading {key}");
        }

        var series = await grains.GetGrain<IAggregatorGrain>(key).GetCandlesAsync(parsed, fromTime, toTime, venueId);
        if (latestOnly && series.Candles.Count > DefaultCandleCount)
        {
            series = series with { Candles = [.. series.Candles.Skip(series.Candles.Count - DefaultCandleCount)] };
        }

        return TypedResults.Ok(AggregationMapper.ToDto(series));
    }
}
