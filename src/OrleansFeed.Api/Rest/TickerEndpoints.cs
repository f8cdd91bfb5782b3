using Microsoft.AspNetCore.Http.HttpResults;
using OrleansFeed.Api.Contracts;
using OrleansFeed.Api.Problems;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.Rest;

/// <summary><c>GET /api/v1/ticker/{venue}/{symbol}</c>: BBO from the book, last trade and the venue's own BBO.</summary>
internal static class TickerEndpoints
{
    public static RouteGroupBuilder MapTicker(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/ticker").WithTags("Ticker");
        group.MapGet("/{venue}/{**symbol}", GetTickerAsync).WithName("GetTicker");
        return group;
    }

    private static async Task<Results<Ok<TickerDto>, ProblemHttpResult>> GetTickerAsync(
        string venue, string? symbol, IInstrumentCatalog catalog, IGrainFactory grains)
    {
        if (!BookResolver.TryResolve(catalog, venue, symbol, out var instrument))
        {
            return ApiProblems.UnknownBook(venue, symbol ?? string.Empty);
        }

        var ticker = await grains.GetGrain<IOrderBookGrain>(instrument.Key.ToString()).GetTickerAsync();
        return TypedResults.Ok(DtoMapper.ToDto(ticker));
    }
}
