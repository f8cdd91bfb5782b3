using System.Text.Json;
using OrleansFeed.TestKit.Orleans;
using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.EndToEnd.Tests.Cluster;

/// <summary>
/// <c>GET /api/v1/cluster</c> on the embedded (single-silo) service: one active silo with its API URL, holding the
/// venue's connector and every book, and each book response names that same silo.
/// </summary>
public sealed class ClusterEndpointTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Cluster_EmbeddedSilo_ListsItselfHoldingTheConnectorAndEveryBook_AsBookResponsesSay()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var files = SiloAgainstSimulatorTests.SessionFiles("binance_futures", "2021-07-22");
        await using var silo = await SimulatedSilo.StartAsync([SimulatedSession.BinanceMarket(files, true)], cts.Token, playbackSpeed: 10);
        using var http = new HttpClient { BaseAddress = silo.Api };
        var books = silo.Symbols.Select(s => $"{silo.Venue}:{s}").Order(StringComparer.Ordinal).ToArray();

        // Published every supervisor interval: wait for the first report that holds every book.
        var cluster = await Poll.UntilAsync(
            async () => JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/cluster", UriKind.Relative), cts.Token)).RootElement.Clone(),
            c => c.GetProperty("books").EnumerateObject().Count() == books.Length,
            c => $"every book listed (got {c})",
            cts.Token);

        var silos = cluster.GetProperty("silos").EnumerateArray().ToList();
        silos.Should().ContainSingle();
        var self = silos[0];
        var address = self.GetProperty("address").GetString()!;
        self.GetProperty("status").GetString().Should().Be("active");
        self.GetProperty("apiUrl").GetString().Should().Be(silo.Api.ToString().TrimEnd('/'));
        self.GetProperty("connectors").EnumerateArray().Select(v => v.GetString()).Should().Equal(silo.Venue);
        self.GetProperty("books").EnumerateArray().Select(v => v.GetString()).Should().Equal(books);
        cluster.GetProperty("connectors").GetProperty(silo.Venue).GetString().Should().Be(address);
        foreach (var book in silo.Symbols)
        {
            var body = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/v1/books/{silo.Venue}/{book}?depth=1", UriKind.Relative), cts.Token)).RootElement;
            body.GetProperty("silo").GetString().Should().Be(address, $"{book} lives on the one silo");
            cluster.GetProperty("books").GetProperty($"{silo.Venue}:{book}").GetString().Should().Be(address);
        }
    }
}
