using System.Text;
using OrleansFeed.Redis.IntegrationTests.TestSupport;
using OrleansFeed.Redis.LastValues;
using Orleans;
using Orleans.Runtime;
using OrleansFeed.TestKit.Redis;

namespace OrleansFeed.Redis.IntegrationTests.LastValues;

/// <summary>
/// Verifies that a Redis outage never blocks or throws from Offer, shows in RedisHealth, and that the latest value is
/// written once Redis returns. Owns its redis-server (it kills it), so it is not in the shared collection.
/// </summary>
public sealed class RedisOutageTests : IClassFixture<RedisServerFixture>
{
    private readonly RedisServerFixture _server;

    public RedisOutageTests(RedisServerFixture server) => _server = server;

    private static byte[] Json(int i) => Encoding.UTF8.GetBytes($$"""{"seq":{{i}}}""");

    [RedisFact(Timeout = 30_000)]
    public async Task RedisKilledThenRestarted_OfferNeverFails_HealthFollowsAndLatestValueIsWritten()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(25));
        await using var ctx = RedisTestContext.Create(_server, nameof(RedisKilledThenRestarted_OfferNeverFails_HealthFollowsAndLatestValueIsWritten),
            configure: o => o.LastValueMinInterval = TimeSpan.FromMilliseconds(20));
        var writer = ctx.CreateWriter();
        await writer.StartAsync(cts.Token);
        var key = RedisKeys.LastValue(ctx.Options.KeyPrefix, LastValueKinds.Ticker, "binance:ETHUSDT");

        writer.Offer(LastValueKinds.Ticker, "binance:ETHUSDT", Json(0));
        await Eventually.UntilAsync("phase 1: first value written", async () => await ctx.GetStringAsync(key, cts.Token) == """{"seq":0}""", cts.Token);
        ctx.Health.GetSnapshot().IsConnected.Should().BeTrue();

        await _server.StopAsync();
        await Eventually.UntilAsync("phase 2: health reports disconnected", () => !ctx.Health.IsConnected, cts.Token);
        for (var i = 1; i <= 1000; i++)
        {
            writer.Offer(LastValueKinds.Ticker, "binance:ETHUSDT", Json(i))
                .Should().BeOneOf(LastValueOfferStatus.Accepted, LastValueOfferStatus.Coalesced);
        }

        var down = ctx.Health.GetSnapshot();
        down.IsConnected.Should().BeFalse();
        down.LastError.Should().NotBeNullOrEmpty();
        down.Outages.Should().Be(1);
        var storage = ctx.CreateGrainStorage();
        var write = () => storage.WriteStateAsync("stats", GrainId.Create("stats", "x"), new GrainState<int>(1));
        (await write.Should().ThrowAsync<RedisProviderException>()).Which.Kind.Should().Be(RedisFailureKind.ConnectionUnavailable);

        await _server.RestartAsync();
        await Eventually.UntilAsync("phase 3: health reports connected", () => ctx.Health.IsConnected, cts.Token);
        await Eventually.UntilAsync("phase 3: latest value written after restart",
            async () => await ctx.GetStringAsync(key, cts.Token) == """{"seq":1000}""", cts.Token);
        (await ctx.Connection.KeyTimeToLiveAsync(key, cts.Token)).Should().BeGreaterThan(TimeSpan.Zero);
        ctx.Health.GetSnapshot().LastValueCoalesced.Should().BeGreaterThanOrEqualTo(999, "offers during the outage coalesce");
    }
}
