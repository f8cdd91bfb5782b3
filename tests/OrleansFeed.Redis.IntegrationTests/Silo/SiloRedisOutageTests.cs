using System.Text.Json.Nodes;
using OrleansFeed.Redis.IntegrationTests.TestSupport;
using OrleansFeed.Redis.LastValues;
using OrleansFeed.TestKit.Redis;

namespace OrleansFeed.Redis.IntegrationTests.Silo;

/// <summary>
/// Verifies the outage policy on a whole silo: redis-server killed → the silo keeps ingesting and serving REST while
/// readiness reports Redis Degraded (HTTP 200); restarted (empty) → readiness recovers and every last value is
/// rewritten, including what was ingested during the outage. Owns its redis-server (it kills it).
/// </summary>
public sealed class SiloRedisOutageTests : IClassFixture<RedisServerFixture>
{
    private const string Symbol = "NKNUSDT";
    private const long InjectedUpdateId = 599_999_999;
    private readonly RedisServerFixture _server;

    public SiloRedisOutageTests(RedisServerFixture server) => _server = server;

    [RedisFact(Timeout = 120_000)]
    public async Task RedisKilledThenRestarted_SiloServesThroughout_ReadinessFlipsAndRecovers_WritesResume()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(110));
        await using var silo = await SiloWithRedis.StartAsync(_server, nameof(RedisKilledThenRestarted_SiloServesThroughout_ReadinessFlipsAndRecovers_WritesResume), cts.Token);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);
        var id = $"{silo.Venue}:{Symbol}";

        // Phase 1: connected, keys written, readiness healthy.
        await Eventually.UntilAsync("phase 1: ticker key equals REST", async () =>
            JsonNode.DeepEquals(await silo.LastValueAsync(LastValueKinds.Ticker, id, cts.Token), await silo.RestTickerAsync(Symbol, cts.Token)), cts.Token);
        await Eventually.UntilAsync("phase 1: readiness Healthy", async () => (await silo.ReadinessAsync(cts.Token)).Status == "Healthy", cts.Token);
        (await silo.ReadinessAsync(cts.Token)).Checks.Should().ContainKey("redis").WhoseValue.Should().Be("Healthy");

        // Phase 2: Redis killed. Readiness reports it (Degraded, still HTTP 200); ingest and REST go on.
        await _server.StopAsync();
        await Eventually.UntilAsync("phase 2: readiness reports Redis down", async () => (await silo.ReadinessAsync(cts.Token)).Checks["redis"] == "Degraded", cts.Token);
        var down = await silo.ReadinessAsync(cts.Token);
        down.HttpStatus.Should().Be(200, "Redis down degrades readiness but does not take the silo out of rotation (default policy)");
        down.Status.Should().Be("Degraded");
        down.Checks["books-synced"].Should().Be("Healthy", "ingest does not depend on Redis");

        silo.Simulator.InjectRaw($$$"""{"stream":"nknusdt@bookTicker","data":{"u":{{{InjectedUpdateId}}},"s":"NKNUSDT","b":"0.35000000","B":"11.00000000","a":"0.36000000","A":"22.00000000"}}""")
            .Should().BeGreaterThan(0);
        await Eventually.UntilAsync("phase 2: venue BBO ingested during the outage",
            async () => (await silo.Book(Symbol).GetTickerAsync()).VenueBbo?.UpdateId == InjectedUpdateId, cts.Token);
        var rest = await silo.RestTickerAsync(Symbol, cts.Token);
        rest["venueBbo"]!["updateId"]!.GetValue<long>().Should().Be(InjectedUpdateId, "REST serves the state ingested while Redis is down");
        rest["venueBbo"]!["bidSize"]!.GetValue<string>().Should().Be("11.00000000");

        // Phase 3: Redis back (empty: no persistence). Readiness recovers; every key is rewritten with the latest state.
        await _server.RestartAsync();
        await Eventually.UntilAsync("phase 3: readiness Healthy again", async () =>
        {
            var ready = await silo.ReadinessAsync(cts.Token);
            return ready.HttpStatus == 200 && ready.Status == "Healthy" && ready.Checks["redis"] == "Healthy";
        }, cts.Token);
        await Eventually.UntilAsync("phase 3: bbo key rewritten with the BBO ingested during the outage", async () =>
            (await silo.LastValueAsync(LastValueKinds.Bbo, id, cts.Token))?["venueBbo"]?["updateId"]?.GetValue<long>() == InjectedUpdateId, cts.Token);
        await Eventually.UntilAsync("phase 3: ticker key equals REST", async () =>
            JsonNode.DeepEquals(await silo.LastValueAsync(LastValueKinds.Ticker, id, cts.Token), await silo.RestTickerAsync(Symbol, cts.Token)), cts.Token);
        foreach (var symbol in silo.Simulator.SnapshotSymbols)
        {
            (await silo.LastValueAsync(LastValueKinds.Ticker, $"{silo.Venue}:{symbol}", cts.Token)).Should().NotBeNull($"{symbol} ticker rewritten after the restart, unchanged or not");
        }

        (await silo.Redis.Connection.KeyTimeToLiveAsync(silo.Key(LastValueKinds.Bbo, id), cts.Token)).Should().BeGreaterThan(TimeSpan.Zero);
    }
}
