using Microsoft.AspNetCore.Http.HttpResults;
using OrleansFeed.Api.Contracts;
using OrleansFeed.Grains.Instruments;

namespace OrleansFeed.Api.Rest;

/// <summary><c>GET /api/v1/instruments</c>: every instrument the silo serves.</summary>
internal static class InstrumentsEndpoints
{
    public static RouteGroupBuilder MapInstruments(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/instruments").WithTags("Instruments");
        group.MapGet("/", GetAll).WithName("GetInstruments");
        return group;
    }

    private static Ok<InstrumentDto[]> GetAll(IInstrumentCatalog catalog) =>
        TypedResults.Ok(catalog.All.Select(DtoMapper.ToDto).ToArray());
}
