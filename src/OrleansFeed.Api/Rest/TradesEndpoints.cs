using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Contracts;
using OrleansFeed.Api.Hosting;
using OrleansFeed.Api.Problems;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.Rest;

/// <summary><c>GET /api/v1/trades/{venue}/{symbol}?limit=N</c>: recent trades, newest first.</summary>
internal static class TradesEndpoints
{
    public static RouteGroupBuilder MapTrades(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/trades").WithTags("Trades");
        group.MapGet("/{venue}/{**symbol}", GetTradesAsync).WithName("GetTrades");
        return group;
    }

    private static async Task<Results<Ok<TradeDto[]>, ProblemHttpResult>> GetTradesAsync(
        string venue, string? symbol, string? limit, IInstrumentCatalog catalog, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var o = options.Value;
        if (!IntParameter.TryParse(limit, o.DefaultTradesLimit, 1, o.MaxTradesLimit, out var count))
        {
            return ApiProblems.BadParameter("limit", limit, $"must be an integer in 1..{o.MaxTradesLimit}");
        }

        if (!BookResolver.TryResolve(catalog, venue, symbol, out var instrument))
        {
            return ApiProblems.UnknownBook(venue, symbol ?? string.Empty);
        }

        var trades = await grains.GetGrain<IOrderBookGrain>(instrument.Key.ToString()).GetRecentTradesAsync(count);
        var result = new TradeDto[Math.Min(trades.Length, count)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = DtoMapper.ToDto(trades[i]);
        }

        return TypedResults.Ok(result);
    }
}
