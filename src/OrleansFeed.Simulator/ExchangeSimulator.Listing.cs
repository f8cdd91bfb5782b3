using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Simulator.Listing;

namespace OrleansFeed.Simulator;

public sealed partial class ExchangeSimulator
{
    /// <summary>
    /// What this simulator serves, per venue id of the silo's configuration: URLs on <paramref name="baseUri"/>, the
    /// symbols to subscribe, the recorded book channel/depth and, per Binance market, its own snapshot symbols and
    /// split routes; plus the playback's state. The body of <c>GET /simulator/endpoints</c>; <c>run --simulate</c> and
    /// <c>run --simulator</c> configure the silo from it.
    /// </summary>
    /// <param name="baseUri">The scheme, host and port clients reach the simulator on (the listing route passes the
    /// request's own, e.g. <c>http://simulator:9001</c> inside docker compose); <see cref="BaseUri"/> when null.</param>
    /// <returns>Venues with at least one symbol, sorted by venue id.</returns>
    /// <exception cref="InvalidOperationException">Not started and <paramref name="baseUri"/> is null.</exception>
    public SimulatorListing Listing(Uri? baseUri = null)
    {
        var http = baseUri ?? BaseUri;
        var ws = new UriBuilder(http) { Scheme = "ws" }.Uri;
        var venues = new List<ServedVenue>();
        foreach (var endpoint in Endpoints())
        {
            if (endpoint.Venue == "binance")
            {
                // Binance markets share the root routes: each recorded market is its own venue section.
                var root = (Http: http.GetLeftPart(UriPartial.Authority), Ws: ws.GetLeftPart(UriPartial.Authority));
                venues.AddRange(_binanceMarkets.Markets(SnapshotSymbols).Select(m =>
                    new ServedVenue(m.Market.VenueId(), new Uri(root.Ws), new Uri(root.Http), m.Symbols) { SplitRoutes = m.SplitRoutes }));
            }
            else if (endpoint.Symbols.Count > 0)
            {
                venues.Add(new ServedVenue(endpoint.Venue, new Uri(ws, "/" + endpoint.Venue), new Uri(http, "/" + endpoint.Venue), endpoint.Symbols)
                {
                    BookChannel = endpoint.BookChannel,
                    DepthLimit = endpoint.DepthLimit,
                });
            }
        }

        return new SimulatorListing([.. venues.OrderBy(v => v.Venue, StringComparer.Ordinal)], PlaybackNow());
    }

    private PlaybackStatus PlaybackNow()
    {
        var state = _completed.Task.IsCompletedSuccessfully ? PlaybackState.Completed
            : !_startSignal.Task.IsCompleted ? PlaybackState.Waiting
            : Volatile.Read(ref _paused) is not null ? PlaybackState.Paused
            : PlaybackState.Playing;
        return new PlaybackStatus(state, Position, Total, _options.PlaybackSpeed, ClientsConnected, PlaybackSpan);
    }

    private void MapListing(WebApplication app)
    {
        app.MapGet(SimulatorListing.Path, (RequestDelegate)WriteListingAsync);
        app.MapPost(SimulatorListing.PlayPath, (RequestDelegate)(context =>
        {
            // A playback held for several silos (simulate --hold) starts when the operator says so.
            StartPlayback();
            return WriteListingAsync(context);
        }));
    }

    private async Task WriteListingAsync(HttpContext context)
    {
        // The URLs name the host the caller used, so a container asking http://simulator:9001 gets ws://simulator:9001/….
        var asked = Uri.TryCreate($"{context.Request.Scheme}://{context.Request.Host.Value}", UriKind.Absolute, out var uri) ? uri : BaseUri;
        context.Response.ContentType = JsonContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, Listing(asked), SimulatorListingJson.Default.SimulatorListing, context.RequestAborted).ConfigureAwait(false);
    }
}
