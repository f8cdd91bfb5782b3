using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Instruments;
using OrleansFeed.Redis.IntegrationTests.TestSupport;
using OrleansFeed.Redis.LastValues;
using OrleansFeed.TestKit.Redis;

namespace OrleansFeed.Redis.IntegrationTests.Silo;

/// <summary>
/// Verifies a silo replaying a real Binance capture writes the aggregator's <c>nbbo</c> and <c>stats</c> last values
/// of every aggregator key to a real redis-server, with a TTL, holding the REST bodies of <c>/api/v1/nbbo</c> and
/// <c>/api/v1/stats</c>.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class SiloAggregateLastValuesTests
{
    private readonly RedisServerFixture _server;

    public SiloAggregateLastValuesTests(RedisServerFixture server) => _server = server;

    [RedisFact(Timeout = 90_000)]
    public async Task ReplayedCapture_NbboAndStatsKeys_EqualRestAndHaveTtl()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(80));
        var extra = new Dictionary<string, string?>
        {
            // Replayed trades are from 2021: the trade clock places the 24 h window.
            ["Aggregation:Clock"] = "Trades",
            ["Aggregation:TickInterval"] = "00:00:00.050",
            // No venue turns stale while the test compares, so the NBBO stops changing after playback.
            ["Aggregation:MaxQuoteAge"] = "01:00:00",
        };
        await using var silo = await SiloWithRedis.StartAsync(_server, nameof(ReplayedCapture_NbboAndStatsKeys_EqualRestAndHaveTtl), cts.Token, extra: extra);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);
        var services = silo.Silo.Services;
        var keys = AggregationKeys.All(services.GetRequiredService<IInstrumentCatalog>(), services.GetRequiredService<IOptions<AggregationOptions>>().Value.QuoteCurrencyPolicy);
        keys.Should().NotBeEmpty();

        var withTrades = 0;
        foreach (var key in keys)
        {
            var path = Uri.EscapeDataString(key);

            // A REST query recomputes the NBBO's times as of the call; the published value (and so Redis) has those of
            // the event that changed the quote. Sequence, quote, venues and eligibility must be equal.
            await Eventually.UntilAsync($"{key}: Redis nbbo equals REST nbbo", async () =>
                JsonNode.DeepEquals(WithoutTimes(await silo.LastValueAsync(LastValueKinds.Nbbo, key, cts.Token)), WithoutTimes(await silo.RestAsync($"/api/v1/nbbo/{path}", cts.Token))), cts.Token);

            // Stats: the trade clock stopped with the playback, so the published value converges to REST exactly.
            JsonNode rest = null!;
            await Eventually.UntilAsync($"{key}: Redis stats equals REST stats", async () =>
            {
                rest = await silo.RestAsync($"/api/v1/stats/{path}", cts.Token);
                return JsonNode.DeepEquals(await silo.LastValueAsync(LastValueKinds.Stats, key, cts.Token), rest);
            }, cts.Token);
            withTrades += rest["consolidated"]!["tradeCount"]!.GetValue<long>() > 0 ? 1 : 0;

            foreach (var kind in new[] { LastValueKinds.Nbbo, LastValueKinds.Stats })
            {
                var ttl = await silo.Redis.Connection.KeyTimeToLiveAsync(silo.Key(kind, key), cts.Token);
                ttl.Should().NotBeNull($"{kind} key of {key} has a TTL");
                ttl!.Value.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(SiloWithRedis.LastValueTtl);
            }
        }

        withTrades.Should().BePositive("the capture has trades, so some stats window is not empty");
    }

    private static JsonNode? WithoutTimes(JsonNode? nbbo)
    {
        if (nbbo is null)
        {
            return null;
        }

        var copy = nbbo.DeepClone().AsObject();
        foreach (var name in new[] { "publishTime", "receiveTime", "exchangeTime" })
        {
            copy.Remove(name);
        }

        foreach (var venue in copy["venues"]!.AsArray())
        {
            venue!.AsObject().Remove("receiveTime");
        }

        return copy;
    }
}
