using System.Net;
using System.Text.Json;

namespace OrleansFeed.Simulator.Tests;

/// <summary>Verifies REST depth: recorded body before playback reaches it, a synthesized snapshot equal to an
/// independently built reference book afterwards (also under DropNextDiff), Binance error bodies, 429 injection.</summary>
public sealed class ExchangeSimulatorRestTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly SimulatorOptions Fast = new() { MaxSendQueue = 1_000_000 };

    [Fact]
    public async Task Depth_BeforePlaybackReachesRecordedSnapshot_WaitsAndReturnsRecordedBodyVerbatim()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var records = Recordings.Load(Recordings.FuturesStem);
        await using var sim = new ExchangeSimulator(records, Fast);
        await sim.StartAsync(cts.Token);
        using var http = new HttpClient { BaseAddress = sim.BaseUri };

        // Playback has not started (no subscriber yet), so the request must wait for it.
        var request = http.GetStringAsync("/fapi/v1/depth?symbol=SUSHIUSDT&limit=1000", cts.Token);
        while (sim.RestRequests == 0)
        {
            await Task.Delay(5, cts.Token);
        }

        sim.Position.Should().Be(0);
        await using var client = await WsClient.ConnectAsync(new Uri(sim.WebSocketBaseUri, "/stream?streams=sushiusdt@depth@100ms"), cts.Token);
        var body = await request.WaitAsync(cts.Token);

        body.Should().Be(Recordings.SnapshotBodyOf(records, "SUSHIUSDT"));
        sim.SnapshotsServed.Should().Be(1);
    }

    [Theory]
    [InlineData(Recordings.FuturesStem, "/fapi/v1/depth")]
    [InlineData(Recordings.SpotStem, "/api/v3/depth")]
    [InlineData(Recordings.UsStem, "/api/v3/depth")]
    [InlineData(Recordings.SpotCombinedStem, "/api/v1/depth")]
    [InlineData(Recordings.FuturesCombinedStem, "/fapi/v1/depth")]
    public async Task Depth_AfterPlaybackCompleted_EqualsReferenceBookFromRecordedSnapshotAndDiffs(string stem, string path)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var records = Recordings.Load(stem);
        await using var sim = new ExchangeSimulator(records, Fast with { StartOnFirstSubscription = false });
        await sim.StartAsync(cts.Token);
        await sim.PlaybackCompleted.WaitAsync(cts.Token);
        using var http = new HttpClient { BaseAddress = sim.BaseUri };

        sim.SnapshotSymbols.Should().HaveCountGreaterThanOrEqualTo(3);
        foreach (var symbol in sim.SnapshotSymbols)
        {
            await AssertSnapshotMatchesReferenceAsync(http, path, records, symbol, cts.Token);
        }

        sim.TrueBookGaps.Should().Be(0);
    }

    [Fact]
    public async Task DropNextDiff_ClientSeesPuGap_WhileSynthesizedSnapshotStaysCorrect()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var records = Recordings.Load(Recordings.FuturesStem);
        await using var sim = new ExchangeSimulator(records, Fast);
        sim.DropNextDiff("sushiusdt", skip: 5);
        await sim.StartAsync(cts.Token);
        await using var client = await WsClient.ConnectAsync(new Uri(sim.WebSocketBaseUri, "/stream?streams=sushiusdt@depth@100ms"), cts.Token);
        await sim.PlaybackCompleted.WaitAsync(cts.Token);
        sim.InjectRaw(WsClient.Sentinel);
        var received = await client.ReceiveUntilSentinelAsync(cts.Token);

        var recorded = Recordings.FramesOf(records, "sushiusdt@depth@100ms");
        received.Should().HaveCount(recorded.Count - 1);
        received.Should().NotContain(recorded[5]);
        var ids = received.Select(Ids).ToList();
        var breaks = Enumerable.Range(1, ids.Count - 1).Count(i => ids[i].Pu != ids[i - 1].U);
        breaks.Should().Be(1);
        sim.DiffsDropped.Should().Be(1);

        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        await AssertSnapshotMatchesReferenceAsync(http, "/fapi/v1/depth", records, "SUSHIUSDT", cts.Token);
    }

    [Theory]
    [InlineData("/fapi/v1/depth?symbol=NOPEUSDT")]
    [InlineData("/api/v3/depth?symbol=SUSHIUSDT")]
    public async Task Depth_UnknownSymbolOrWrongMarket_Returns400InvalidSymbol(string url)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var sim = new ExchangeSimulator(Recordings.Load(Recordings.FuturesStem), Fast);
        await sim.StartAsync(cts.Token);
        using var http = new HttpClient { BaseAddress = sim.BaseUri };

        using var response = await http.GetAsync(url, cts.Token);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(cts.Token)).Should().Be("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }

    [Fact]
    public async Task Depth_WithRejectionInjected_Returns429WithRetryAfterThenServes()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var sim = new ExchangeSimulator(Recordings.Load(Recordings.FuturesStem), Fast with { StartOnFirstSubscription = false });
        await sim.StartAsync(cts.Token);
        await sim.PlaybackCompleted.WaitAsync(cts.Token);
        sim.RejectNextRestRequests(1, TimeSpan.FromSeconds(2));
        using var http = new HttpClient { BaseAddress = sim.BaseUri };

        using var rejected = await http.GetAsync("/fapi/v1/depth?symbol=SUSHIUSDT", cts.Token);
        using var served = await http.GetAsync("/fapi/v1/depth?symbol=SUSHIUSDT", cts.Token);

        rejected.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        rejected.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2));
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        sim.RestRequests.Should().Be(2);
    }

    private static async Task AssertSnapshotMatchesReferenceAsync(HttpClient http, string path, IReadOnlyList<Exchanges.Common.Capture.CaptureRecord> records, string symbol, CancellationToken ct)
    {
        var body = await http.GetStringAsync($"{path}?symbol={symbol}&limit=1000", ct);
        var reference = ReferenceBook.Build(records, symbol);
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        root.GetProperty("lastUpdateId").GetInt64().Should().Be(reference.LastUpdateId, symbol);
        Levels(root.GetProperty("bids")).Should().BeEquivalentTo(reference.Top(bids: true, 1000), o => o.WithStrictOrdering(), symbol);
        Levels(root.GetProperty("asks")).Should().BeEquivalentTo(reference.Top(bids: false, 1000), o => o.WithStrictOrdering(), symbol);
        root.TryGetProperty("E", out _).Should().Be(path.StartsWith("/fapi", StringComparison.Ordinal));
    }

    private static List<string[]> Levels(JsonElement side) =>
        side.EnumerateArray().Select(l => new[] { l[0].GetString()!, l[1].GetString()! }).ToList();

    private static (long U, long Pu) Ids(string frame)
    {
        using var doc = JsonDocument.Parse(frame);
        var data = doc.RootElement.GetProperty("data");
        return (data.GetProperty("u").GetInt64(), data.GetProperty("pu").GetInt64());
    }
}
