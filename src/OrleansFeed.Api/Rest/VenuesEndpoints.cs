using OrleansFeed.Core.Books;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansFeed.Api.Contracts;
using OrleansFeed.Api.Health;
using OrleansFeed.Api.Problems;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.Rest;

/// <summary>
/// <c>GET /api/v1/venues</c> and <c>GET /api/v1/venues/{venue}</c>: per-venue connector counters and per-symbol
/// book verification (state, epoch, gaps, checksum failures/verifications, resyncs, time since last verification),
/// for the configured books (issue 3: "the per-venue counters are served by the API").
/// </summary>
internal static class VenuesEndpoints
{
    public static RouteGroupBuilder MapVenues(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/venues").WithTags("Venues");
        group.MapGet("/", GetAllAsync).WithName("GetVenues");
        group.MapGet("/{venue}", GetOneAsync).WithName("GetVenue");
        return group;
    }

    private static async Task<Ok<VenueStatusDto[]>> GetAllAsync(IConfiguredBooks books, IGrainFactory grains, TimeProvider time)
    {
        var venues = books.GetBooks().Select(b => b.Venue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var result = new List<VenueStatusDto>();
        foreach (var venue in venues)
        {
            result.Add(await GetStatusAsync(venue, books, grains, time));
        }

        return TypedResults.Ok(result.ToArray());
    }

    private static async Task<Results<Ok<VenueStatusDto>, ProblemHttpResult>> GetOneAsync(string venue, IConfiguredBooks books, IGrainFactory grains, TimeProvider time)
    {
        if (!books.GetBooks().Any(b => string.Equals(b.Venue, venue, StringComparison.Ordinal)))
        {
            return ApiProblems.NotFound($"/api/v1/venues/{venue}");
        }

        return TypedResults.Ok(await GetStatusAsync(venue, books, grains, time));
    }

    internal static async Task<VenueStatusDto> GetStatusAsync(string venue, IConfiguredBooks books, IGrainFactory grains, TimeProvider time)
    {
        var status = await grains.GetGrain<IExchangeConnectorGrain>(venue).GetStatusAsync();
        var now = Timestamp.Now(time);
        var bookStatus = new List<VenueBookStatusDto>();
        foreach (var key in books.GetBooks().Where(b => string.Equals(b.Venue, venue, StringComparison.Ordinal)).OrderBy(b => b.Symbol, StringComparer.Ordinal))
        {
            var snapshot = await grains.GetGrain<IOrderBookGrain>(key.ToString()).GetSnapshotAsync(1);
            var verified = snapshot.Counters.LastVerified;
            bookStatus.Add(new VenueBookStatusDto(
                key.Symbol,
                snapshot.Instrument,
                snapshot.SyncState.ToWire(),
                snapshot.Epoch,
                VerificationAge.Seconds(now, verified),
                snapshot.Counters.RejectedFrames,
                DtoMapper.ToDto(snapshot.Counters)));
        }

        return ConnectionMapper.WithConnections(
            new VenueStatusDto(venue, status.Connections, status.Reconnects, status.Frames, status.RejectedFrames, status.SnapshotRequests, status.SnapshotFailures, status.Resubscribes, bookStatus)
            {
                UnattributedRejectedFrames = status.UnattributedRejectedFrames,
            },
            status);
    }
}
