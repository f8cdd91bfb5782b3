using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Redis.IntegrationTests.TestSupport;
using Orleans;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.TestKit.Redis;

namespace OrleansFeed.Redis.IntegrationTests.Silo;

/// <summary>
/// Verifies that with Redis configured the aggregator's state (24h trade buckets, open candles) is stored in a real
/// redis-server and that a new silo sharing that Redis, with no venue traffic at all, serves the same statistics and
/// candles after restoring it (issue 4 item 7, issue 5 "grain state storage").
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class AggregatorStateInRedisTests
{
    private readonly RedisServerFixture _server;

    public AggregatorStateInRedisTests(RedisServerFixture server) => _server = server;

    [RedisFact(Timeout = 90_000)]
    public async Task AggregatorState_SavedToRedis_RestoredByAnotherSiloWithoutTraffic()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(80));
        static void FastSave(IServiceCollection services) => services.PostConfigure<AggregationOptions>(o =>
        {
            o.Clock = AggregationClock.Trades;
            o.SaveInterval = TimeSpan.FromSeconds(1);
        });

        AggregatedStats before;
        string prefix;
        string grainKey;
        await using (var silo = await SiloWithRedis.StartAsync(_server, nameof(AggregatorState_SavedToRedis_RestoredByAnotherSiloWithoutTraffic), cts.Token, FastSave))
        {
            await silo.WaitForPlaybackAndSyncAsync(cts.Token);
            prefix = silo.Prefix;
            grainKey = "NKN-USDT";
            var aggregator = silo.Grains.GetGrain<IAggregatorGrain>(grainKey);
            await Eventually.UntilAsync("NKN-USDT aggregated its trade", async () => (await aggregator.GetStatsAsync()).Consolidated.TradeCount > 0, cts.Token);
            // Orleans grain type "aggregator", state name "aggregates" (AggregatorGrain's [PersistentState]).
            var key = RedisKeys.Grain(prefix, "aggregator/aggregates", grainKey);
            await Eventually.UntilAsync($"{key} written", async () => await silo.Redis.GetStringAsync(key, cts.Token) is { Length: > 0 }, cts.Token);
            before = await aggregator.GetStatsAsync();

            // The head is small and names its segments, each a key of its own (issue 16: a save writes what changed,
            // not one ~4 MB value per instrument).
            var head = JsonNode.Parse((await silo.Redis.GetStringAsync(key, cts.Token))!)!;
            var segments = head["segments"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
            segments.Should().Contain(n => n.StartsWith("aggregates/all/stats/", StringComparison.Ordinal));
            foreach (var segment in segments)
            {
                (await silo.Redis.GetStringAsync(RedisKeys.Grain(prefix, $"aggregator/{segment}", grainKey), cts.Token)).Should().NotBeNullOrEmpty($"the head names {segment}");
            }

            (await silo.Redis.GetStringAsync(key, cts.Token))!.Length.Should().BeLessThan(16_384);
        }

        // A second silo on the same Redis whose venue is unreachable: nothing but the stored state can give it trades.
        var settings = new Dictionary<string, string?>
        {
            ["Feed:Venues:binance:WebSocketUrl"] = "ws://127.0.0.1:9",
            ["Feed:Venues:binance:RestUrl"] = "http://127.0.0.1:9",
            ["Feed:Venues:binance:LoadInstruments"] = "false",
            ["Feed:Venues:binance:Symbols:0"] = "NKNUSDT",
            ["Logging:LogLevel:Default"] = "Error",
            ["Redis:ConnectionString"] = _server.ConnectionString,
            ["Redis:KeyPrefix"] = prefix,
            ["Aggregation:Clock"] = "Trades",
        };
        await using var restarted = SiloHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), port: 0);
        await restarted.StartAsync(cts.Token);
        try
        {
            var after = await restarted.Services.GetRequiredService<IGrainFactory>().GetGrain<IAggregatorGrain>(grainKey).GetStatsAsync();

            after.Consolidated.TradeCount.Should().Be(before.Consolidated.TradeCount);
            after.Consolidated.Last.Should().Be(before.Consolidated.Last);
            after.Consolidated.BaseVolume.Should().Be(before.Consolidated.BaseVolume);
            after.Consolidated.Vwap.Should().Be(before.Consolidated.Vwap);
        }
        finally
        {
            await restarted.StopAsync(CancellationToken.None);
        }
    }
}
