using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using OrleansFeed.Silo.Cli;
using OrleansFeed.Simulator.Listing;

namespace OrleansFeed.Silo.Commands;

/// <summary>
/// <c>run --simulator URL</c>: asks a running <c>simulate</c> what it serves (<c>GET /simulator/endpoints</c>,
/// docs/simulator.md#what-it-serves-get-simulatorendpoints) and turns the answer into the same overrides as
/// <c>run --simulate</c> (<see cref="SimulatorOverrides.Build(IReadOnlyList{ServedVenue}, IEnumerable{string})"/>): every
/// venue it serves pointed at it with the symbols it serves, every other configured venue disabled, the aggregation
/// clock on the recording. Several silos may share one simulator (docs/simulator.md#several-silos-on-one-simulator).
/// </summary>
internal static class RemoteSimulator
{
    /// <summary>How long the listing may take to answer before the simulator counts as unreachable.</summary>
    public static readonly TimeSpan ListingTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Reads the listing and builds the overrides.</summary>
    /// <param name="url">The simulator's base URL as given (<c>http://127.0.0.1:9001</c>, <c>http://simulator:9001</c>).</param>
    /// <param name="configuration">The configuration before the overrides (its venues are disabled unless served).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The listing (URLs on the host of <paramref name="url"/>) and the overrides.</returns>
    /// <exception cref="CliUsageException">Not an http(s) URL, unreachable, not a simulator, or it serves no venue.</exception>
    public static async Task<(SimulatorListing Listing, IReadOnlyList<KeyValuePair<string, string?>> Overrides)> ConfigureAsync(
        string url, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var listing = await FetchAsync(BaseOf(url), cancellationToken).ConfigureAwait(false);
        if (!listing.Venues.Any(v => v.Symbols.Count > 0))
        {
            throw new CliUsageException($"the simulator at {url} serves no venue (its captures hold nothing a connector can subscribe); start it with captures, e.g. simulate ../shared/data/kraken --port 9001.");
        }

        var overrides = new List<KeyValuePair<string, string?>>(SimulatorOverrides.Build(listing.Venues, configuration.GetSection("Feed:Venues").GetChildren().Select(c => c.Key)));
        SimulatorOverrides.AddRecordingClock(overrides, configuration);
        return (listing, overrides);
    }

    /// <summary>The listing of the simulator at <paramref name="baseUri"/>.</summary>
    /// <param name="baseUri">Scheme, host and port.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The parsed listing.</returns>
    /// <exception cref="CliUsageException">Unreachable, an error status, or a body that is not a listing.</exception>
    public static async Task<SimulatorListing> FetchAsync(Uri baseUri, CancellationToken cancellationToken)
    {
        var address = new Uri(baseUri, SimulatorListing.Path);
        using var http = new HttpClient { Timeout = ListingTimeout };
        try
        {
            using var response = await http.GetAsync(address, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliUsageException($"{address} answered {(int)response.StatusCode} {response.ReasonPhrase}: is an orleansfeed simulate running there?");
            }

            return await response.Content.ReadFromJsonAsync(SimulatorListingJson.Default.SimulatorListing, cancellationToken).ConfigureAwait(false)
                ?? throw new CliUsageException($"{address} answered null instead of a simulator listing.");
        }
        catch (HttpRequestException ex)
        {
            throw new CliUsageException($"the simulator at {baseUri} is unreachable ({ex.Message}); start it first: simulate <captures> --port {baseUri.Port}.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliUsageException($"the simulator at {baseUri} did not answer within {ListingTimeout.TotalSeconds:0} s.");
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"{address} did not answer a simulator listing ({ex.Message}).");
        }
    }

    private static Uri BaseOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0
            ? uri
            : throw new CliUsageException($"--simulator '{url}' is not the base URL of a running simulate: give http://HOST:PORT, e.g. http://127.0.0.1:9001.");
}
