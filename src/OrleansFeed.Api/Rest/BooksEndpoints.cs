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

/// <summary><c>GET /api/v1/books/{venue}/{symbol}?depth=N</c>: an L2 snapshot, best levels first.</summary>
internal static class BooksEndpoints
{
    public static RouteGroupBuilder MapBooks(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/books").WithTags("Books");
        group.MapGet("/{venue}/{**symbol}", GetBookAsync).WithName("GetBook");
        return group;
    }

    private static async Task<Results<Ok<BookSnapshotDto>, ProblemHttpResult>> GetBookAsync(
        string venue, string? symbol, string? depth, IInstrumentCatalog catalog, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var o = options.Value;
        if (!IntParameter.TryParse(depth, o.DefaultDepth, 1, o.MaxDepth, out var levels))
        {
            return ApiProblems.BadParameter("depth", depth, $"must be an integer in 1..{o.MaxDepth}");
        }

        if (!BookResolver.TryResolve(catalog, venue, symbol, out var instrument))
        {
            return ApiProblems.UnknownBook(venue, symbol ?? string.Empty);
        }

        var snapshot = await grains.GetGrain<IOrderBookGrain>(instrument.Key.ToString()).GetSnapshotAsync(levels);
        return TypedResults.Ok(DtoMapper.ToDto(snapshot));
    }
}
