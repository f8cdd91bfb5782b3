using System.Net;
using System.Text;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.KuCoin;

namespace OrleansFeed.Exchanges.Tests.KuCoin;

/// <summary>Verifies KuCoin connection planning (sharding, subscribe messages, pacing), snapshot/instrument URLs and the bullet-public token handshake.</summary>
public class KuCoinConnectivityTests
{
    // The documented bullet-public response (kucoin docs "Get Public Token - Spot/Margin"), with a shortened token.
    private const string BulletResponse = """
        {"code":"200000","data":{"token":"2neAiuYvAU61ZDXANAGAsiL4-iAExhsBXZxftpOeh_55i3Ysy2q2LEsEWU64mdzUOPusi34M_wGoSf7iNyEWJ4aBZXpWhrmY9jKtqkdWoFa75w3istPvPtiYB9J6i9GjsxUuhPw3BlrzazF6ghq4L_u0MhKxG3x8TeN4aVbNiYo=.mvnekBb8DJegZIgYLs2FBQ==",
        "instanceServers":[{"endpoint":"wss://ws-api-spot.kucoin.com/","encrypt":true,"protocol":"websocket","pingInterval":18000,"pingTimeout":10000}]}}
        """;

    private readonly KuCoinProtocol _protocol = new();

    [Fact]
    public void PlanConnections_250Symbols_ShardsAt100SymbolsWithOneMessagePerTopic()
    {
        var options = Options(Enumerable.Range(0, 250).Select(i => $"C{i}-USDT"));

        var plans = _protocol.PlanConnections(options);

        plans.Select(p => p.BookSymbols.Count).Should().Equal(100, 100, 50);
        plans.Select(p => p.Name).Should().Equal("kucoin-0", "kucoin-1", "kucoin-2");
        plans.Should().OnlyContain(p => p.SubscribeMessages.Count == 3);
        plans.Should().OnlyContain(p => p.SubscribeMessageInterval == TimeSpan.FromMilliseconds(100));
        plans.Should().OnlyContain(p => p.KeepAlive != null && p.KeepAlive.Interval == TimeSpan.FromSeconds(18));
        plans[0].SubscribeMessages[0].Should().StartWith("""{"id":"1","type":"subscribe","topic":"/market/level2:C0-USDT,C1-USDT,""");
        plans[0].SubscribeMessages[1].Should().Contain("\"topic\":\"/market/match:C0-USDT,");
        plans[0].SubscribeMessages[2].Should().Contain("\"topic\":\"/market/ticker:C0-USDT,").And.EndWith("""C99-USDT","privateChannel":false,"response":true}""");
        plans[2].BookSymbols.Should().StartWith("C200-USDT");
    }

    [Fact]
    public void PlanConnections_LowerStreamCap_ShardsByThreeTopicsPerSymbol()
    {
        var options = Options(["btc-usdt", "ETH-USDT", "BTC-USDT", "XRP-USDT"]);
        options.MaxStreamsPerConnection = 6;

        var plans = _protocol.PlanConnections(options);

        plans.Select(p => string.Join(',', p.BookSymbols)).Should().Equal("BTC-USDT,ETH-USDT", "XRP-USDT");
        plans[0].Uri.Should().Be(new Uri(KuCoinConnectivity.DefaultWebSocketUrl), "the real endpoint comes from the handshake");
    }

    [Fact]
    public void SubscribeMessages_150Symbols_SplitsEachTopicAt100Symbols()
    {
        var messages = KuCoinConnectivity.SubscribeMessages(Enumerable.Range(0, 150).Select(i => $"S{i}-BTC").ToList());

        messages.Should().HaveCount(6);
        // 100 or 50 symbols, plus the envelope's four other commas (five fields).
        messages.Select(m => m.Split(',').Length).Should().Equal(104, 54, 104, 54, 104, 54);
        messages[5].Should().StartWith("""{"id":"6","type":"subscribe","topic":"/market/ticker:S100-BTC,""");
    }

    [Theory]
    [InlineData(KuCoinSnapshotDepth.Top100, "https://api.kucoin.com/api/v1/market/orderbook/level2_100?symbol=BTC-USDT", 2)]
    [InlineData(KuCoinSnapshotDepth.Top20, "https://api.kucoin.com/api/v1/market/orderbook/level2_20?symbol=BTC-USDT", 2)]
    [InlineData(KuCoinSnapshotDepth.Full, "https://api.kucoin.com/api/v3/market/orderbook/level2?symbol=BTC-USDT", 3)]
    public void SnapshotUri_PerDepth_IsTheDocumentedEndpointAndWeight(KuCoinSnapshotDepth depth, string url, int weight)
    {
        var protocol = new KuCoinProtocol(depth);
        var options = Options(["BTC-USDT"]);

        protocol.SnapshotUri(options, "BTC-USDT").Should().Be(new Uri(url));
        protocol.SnapshotWeight(options).Should().Be(weight);
        protocol.DefaultWeightPerMinute.Should().Be(2000);
        ((IVenueConnectivity)protocol).SnapshotSource.Should().Be(BookSnapshotSource.Rest);
    }

    [Fact]
    public void InstrumentsUri_RestOverride_UsesV2Symbols()
    {
        var options = Options(["BTC-USDT"]);
        options.RestUrl = "http://127.0.0.1:5000/";

        ((IVenueConnectivity)_protocol).InstrumentsUri(options).Should().Be(new Uri("http://127.0.0.1:5000/api/v2/symbols"));
        _protocol.SnapshotUri(options, "BTC-USDT").Should().Be(new Uri("http://127.0.0.1:5000/api/v1/market/orderbook/level2_100?symbol=BTC-USDT"));
    }

    [Fact]
    public void BulletTryParse_DocumentedResponse_ReadsTokenEndpointAndPingTiming()
    {
        KuCoinBullet.TryParse(Encoding.UTF8.GetBytes(BulletResponse), out var bullet).Should().BeTrue();

        bullet.Token.Should().StartWith("2neAiuYvAU61ZDXANAGAsiL4").And.EndWith("==");
        bullet.Endpoint.Should().Be(new Uri("wss://ws-api-spot.kucoin.com/"));
        bullet.PingInterval.Should().Be(TimeSpan.FromSeconds(18));
        bullet.PingTimeout.Should().Be(TimeSpan.FromSeconds(10));
        bullet.ToString().Should().NotContain("2neAiuYvAU61ZDXANAGAsiL4", "the token is a credential");
        bullet.ConnectUri("abc").ToString().Should().StartWith("wss://ws-api-spot.kucoin.com/?token=2neAiuYvAU61ZDXANAGAsiL4").And.EndWith("%3D%3D&connectId=abc");
    }

    [Theory]
    [InlineData("""{"code":"400100","msg":"error"}""")]
    [InlineData("""{"code":"200000","data":{"token":"t","instanceServers":[]}}""")]
    [InlineData("""{"code":"200000","data":{"token":"","instanceServers":[{"endpoint":"wss://x/"}]}}""")]
    [InlineData("""{"code":"200000","data":{"token":"t","instanceServers":[{"endpoint":"https://x/"}]}}""")]
    [InlineData("""{"code":"200000","data":{"token":"t","instanceServers":[{"endpoint":"wss://x/","pingInterval":"soon"}]}}""")]
    [InlineData("""not json""")]
    public void BulletTryParse_InvalidResponse_ReturnsFalseOrDefaultsWithoutThrowing(string body)
    {
        var ok = KuCoinBullet.TryParse(Encoding.UTF8.GetBytes(body), out var bullet);

        if (ok)
        {
            bullet.PingInterval.Should().Be(KuCoinBullet.DefaultPingInterval, "an unreadable pingInterval falls back to the documented 18 s");
        }
        else
        {
            bullet.Should().BeNull();
        }
    }

    [Fact]
    public async Task NegotiateAsync_BulletResponse_PostsToRestUrlAndReturnsTokenUriAndServerPingInterval()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var body = BulletResponse.Replace("18000", "15000", StringComparison.Ordinal);
        var handler = new StubHandler(HttpStatusCode.OK, body);
        using var http = new HttpClient(handler);
        var options = Options(["BTC-USDT"]);
        options.RestUrl = "https://rest.test/";
        var plan = _protocol.PlanConnections(options)[0];

        var negotiated = await ((IVenueConnectivity)_protocol).NegotiateAsync(plan, options, http, timeout.Token);

        handler.Requests.Should().ContainSingle().Which.Should().Be("POST https://rest.test/api/v1/bullet-public");
        negotiated.Uri.ToString().Should().StartWith("wss://ws-api-spot.kucoin.com/?token=2neAiuYvAU61ZDXANAGAsiL4").And.Contain("&connectId=");
        negotiated.KeepAlive!.Interval.Should().Be(TimeSpan.FromSeconds(15));
        negotiated.KeepAlive.Message.Should().MatchRegex("""^\{"id":"\d+","type":"ping"\}$""");
        negotiated.SubscribeMessages.Should().Equal(plan.SubscribeMessages);
        negotiated.BookSymbols.Should().Equal(plan.BookSymbols);

        var again = await ((IVenueConnectivity)_protocol).NegotiateAsync(plan, options, http, timeout.Token);
        again.Uri.Should().NotBe(negotiated.Uri, "every connect attempt gets its own connectId");
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, """{"code":"429000"}""")]
    [InlineData(HttpStatusCode.OK, """{"code":"200000","data":{}}""")]
    public async Task NegotiateAsync_FailedHandshake_ThrowsHttpRequestException(HttpStatusCode status, string body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var http = new HttpClient(new StubHandler(status, body));
        var options = Options(["BTC-USDT"]);
        var plan = _protocol.PlanConnections(options)[0];

        var act = async () => await ((IVenueConnectivity)_protocol).NegotiateAsync(plan, options, http, timeout.Token);

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Theory]
    [InlineData("wss://push-private.kucoin.com/endpoint?token=TOKEN", true)]
    [InlineData("https://api.kucoin.com/api/v3/market/orderbook/level2?symbol=BCHSV-USDT", true)]
    [InlineData("wss://ws-api-spot.kucoin.com/", true)]
    [InlineData("wss://stream.binance.com:9443/stream", false)]
    [InlineData("wss://notkucoin.com/", false)]
    public void MatchesUrl_KuCoinHostsOnly(string url, bool expected) => _protocol.MatchesUrl(url).Should().Be(expected);

    private static VenueOptions Options(IEnumerable<string> symbols) => new() { Symbols = symbols.ToList() };

    /// <summary>Answers every request with one canned response and records "METHOD url".</summary>
    private sealed class StubHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add($"{request.Method} {request.RequestUri}");
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
