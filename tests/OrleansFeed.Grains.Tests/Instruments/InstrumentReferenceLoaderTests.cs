using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.Instruments;
using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.Grains.Tests.Instruments;

/// <summary>Verifies that venue reference data replaces inferred instruments of configured books, and that failures leave them in place.</summary>
public sealed class InstrumentReferenceLoaderTests
{
    // Shape of GET /api/v3/exchangeInfo (Binance spot docs), trimmed to two symbols.
    private const string ExchangeInfo = """
        {"timezone":"UTC","serverTime":1565246363776,"rateLimits":[],"exchangeFilters":[],"symbols":[
          {"symbol":"ETHBTC","status":"TRADING","baseAsset":"ETH","quoteAsset":"BTC",
           "filters":[{"filterType":"PRICE_FILTER","tickSize":"0.00000100"},{"filterType":"LOT_SIZE","stepSize":"0.00100000"}]},
          {"symbol":"LUNABUSD","status":"BREAK","baseAsset":"LUNA","quoteAsset":"BUSD",
           "filters":[{"filterType":"PRICE_FILTER","tickSize":"0.01000000"},{"filterType":"LOT_SIZE","stepSize":"0.01000000"}]}]}
        """;

    [Fact]
    public async Task Start_ReferenceAvailable_ConfiguredSymbolsGetTickLotAndStatus()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (loader, catalog, handler) = Create(HttpStatusCode.OK, ExchangeInfo);

        await loader.StartAsync(cts.Token);
        await loader.ExecuteTask!.WaitAsync(cts.Token);

        catalog.TryGet(new BookKey("binance", "ETHBTC"), out var eth).Should().BeTrue();
        eth.TickSize.ToString().Should().Be("0.00000100");
        eth.LotSize.ToString().Should().Be("0.00100000");
        eth.Status.Should().Be(InstrumentStatus.Trading);
        catalog.TryGet(new BookKey("binance", "LUNABUSD"), out var luna).Should().BeTrue();
        luna.Status.Should().Be(InstrumentStatus.Halted);
        catalog.TryGet(new BookKey("binance", "XRPBTC"), out _).Should().BeFalse("a symbol not configured is not added");
        handler.Requests.Should().ContainSingle().Which.AbsolutePath.Should().Be("/api/v3/exchangeInfo");
        loader.Loaded.Should().Equal("binance");
    }

    [Fact]
    public async Task Start_ReferenceUnavailable_CatalogUntouchedAndStartNotDelayed()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (loader, catalog, handler) = Create(HttpStatusCode.ServiceUnavailable, "busy");

        await loader.StartAsync(cts.Token);
        await WaitUntilAsync(() => handler.Requests.Count > 0, cts.Token);
        await loader.StopAsync(cts.Token);

        catalog.All.Should().BeEmpty();
        loader.Loaded.Should().BeEmpty();
    }

    private static (InstrumentReferenceLoader Loader, InstrumentCatalog Catalog, StubHandler Handler) Create(HttpStatusCode status, string body)
    {
        var feed = new FeedOptions();
        feed.Venues["binance"] = new VenueOptions { Symbols = ["ETHBTC", "LUNABUSD", "XRPBTC"], RestUrl = "http://reference.test" };
        var catalog = new InstrumentCatalog();
        var handler = new StubHandler(status, body);
        var loader = new InstrumentReferenceLoader(
            Options.Create(feed), AllVenues.Registry(), catalog, new StubFactory(handler), TimeProvider.System, NullLogger<InstrumentReferenceLoader>.Instance);
        return (loader, catalog, handler);
    }

    private static Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken) =>
        Poll.UntilAsync(condition, "the reference load", cancellationToken);

    private sealed class StubHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<Uri> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request.RequestUri!);
            }

            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private sealed class StubFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
