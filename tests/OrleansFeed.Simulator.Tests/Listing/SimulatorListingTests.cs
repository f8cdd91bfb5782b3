using System.Net.Http.Json;
using System.Text.Json;
using OrleansFeed.Simulator.Listing;
using OrleansFeed.TestKit.Captures;
using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.Simulator.Tests.Listing;

/// <summary>
/// <c>GET /simulator/endpoints</c> over real HTTP: every served venue id with URLs on the host the caller used, each
/// Binance market with its own recorded symbols, the recorded Kraken depth, and the playback's state and speed.
/// </summary>
public sealed class SimulatorListingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Endpoints_SpotFuturesAndKraken_EachVenueIdWithItsOwnSymbolsOnTheCallersHost()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var inputs = new[] { Recordings.SpotStem, Recordings.FuturesStem }.SelectMany(s => new[] { SharedData.PathOf(s + ".ws.txt.gz"), SharedData.PathOf(s + ".http.txt.gz") })
            .Append(SharedData.PathOf("kraken/2021-04-05_book-1000_10-pairs.combined.txt.gz")).ToList();
        await using var sim = ExchangeSimulator.FromInputs(inputs, new SimulatorOptions { PlaybackSpeed = 0.5 });
        await sim.StartAsync(cts.Token);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.BaseUri, "/simulator/endpoints"));
        request.Headers.Host = "simulator:9001";

        using var response = await http.SendAsync(request, cts.Token);
        var body = await response.Content.ReadAsStringAsync(cts.Token);

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var json = JsonDocument.Parse(body);
        var venues = json.RootElement.GetProperty("venues").EnumerateArray().ToDictionary(v => v.GetProperty("venue").GetString()!);
        venues.Keys.Should().Equal("binance", "binance-futures", "kraken");
        Symbols(venues["binance"]).Should().Equal(SymbolsOfStem(Recordings.SpotStem), "the spot market serves the spot recording's symbols only");
        Symbols(venues["binance-futures"]).Should().Equal(SymbolsOfStem(Recordings.FuturesStem));
        venues["binance-futures"].GetProperty("webSocketUrl").GetString().Should().Be("ws://simulator:9001");
        venues["binance-futures"].GetProperty("restUrl").GetString().Should().Be("http://simulator:9001");
        venues["binance-futures"].GetProperty("splitRoutes").GetBoolean().Should().BeFalse();
        venues["kraken"].GetProperty("webSocketUrl").GetString().Should().Be("ws://simulator:9001/kraken");
        venues["kraken"].GetProperty("depthLimit").GetInt32().Should().Be(1000, "the recording subscribed book-1000");
        Symbols(venues["kraken"]).Should().Contain("XBT/USD").And.HaveCount(10);
        venues["kraken"].TryGetProperty("splitRoutes", out _).Should().BeFalse("only Binance markets have split routes");
        var playback = json.RootElement.GetProperty("playback");
        playback.GetProperty("state").GetString().Should().Be("waiting");
        playback.GetProperty("speed").GetDouble().Should().Be(0.5);
        playback.GetProperty("total").GetInt32().Should().Be(sim.Total);
        playback.GetProperty("position").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Endpoints_AfterPlayback_ReportCompletedAtTheLastFrame()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var sim = ExchangeSimulator.FromInputs([SharedData.PathOf("kraken/2021-04-05_book-1000_10-pairs.combined.txt.gz")], new SimulatorOptions { StartOnFirstSubscription = false });
        await sim.StartAsync(cts.Token);
        await sim.PlaybackCompleted.WaitAsync(cts.Token);
        using var http = new HttpClient();

        var listing = await http.GetFromJsonAsync(new Uri(sim.BaseUri, SimulatorListing.Path), SimulatorListingJson.Default.SimulatorListing, cts.Token);

        listing!.Playback.Should().Be(new PlaybackStatus(PlaybackState.Completed, sim.Total, sim.Total, 0, 0, sim.PlaybackSpan));
        listing.Venues.Should().ContainSingle().Which.WebSocketUrl.Should().Be(new Uri(sim.BaseUri.ToString().Replace("http", "ws", StringComparison.Ordinal) + "kraken"));
    }

    [Fact]
    public async Task Play_HeldPlayback_StartsOnPostAndNotOnSubscriptions()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var kraken = SharedData.PathOf("kraken/2021-04-05_book-1000_10-pairs.combined.txt.gz");
        await using var sim = ExchangeSimulator.FromInputs([kraken], new SimulatorOptions { WaitForPlayRequest = true });
        await sim.StartAsync(cts.Token);
        await using var client = await WsClient.ConnectAsync(sim.VenueWebSocketUri("kraken"), cts.Token);
        await client.SendAsync("""{"event":"subscribe","pair":["XBT/USD"],"subscription":{"name":"book","depth":1000}}""", cts.Token);
        await Poll.UntilAsync(() => sim.MessagesReceived >= 1, "the subscription handled", cts.Token);
        using var http = new HttpClient();
        var before = await http.GetFromJsonAsync(new Uri(sim.BaseUri, SimulatorListing.Path), SimulatorListingJson.Default.SimulatorListing, cts.Token);

        using var response = await http.PostAsync(new Uri(sim.BaseUri, SimulatorListing.PlayPath), null, cts.Token);
        await sim.PlaybackCompleted.WaitAsync(cts.Token);

        before!.Playback.State.Should().Be(PlaybackState.Waiting, "a subscription does not start a held playback");
        before.Playback.Position.Should().Be(0);
        response.IsSuccessStatusCode.Should().BeTrue();
        sim.Position.Should().Be(sim.Total);
    }

    private static List<string> Symbols(JsonElement venue) => [.. venue.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()!)];

    /// <summary>The symbols a session recorded, from its file name (<c>…_BLZETH-LRCBTC-NKNUSDT-RUNEEUR</c>), sorted.</summary>
    private static List<string> SymbolsOfStem(string stem) => [.. stem[(stem.LastIndexOf('_') + 1)..].Split('-').Order(StringComparer.Ordinal)];
}
