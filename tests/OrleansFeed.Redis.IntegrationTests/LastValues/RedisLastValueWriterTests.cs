using System.Text;
using Microsoft.Extensions.Time.Testing;
using OrleansFeed.Redis.IntegrationTests.TestSupport;
using OrleansFeed.Redis.LastValues;
using OrleansFeed.TestKit.Redis;

namespace OrleansFeed.Redis.IntegrationTests.LastValues;

/// <summary>Verifies last-value keys carry the latest value with a TTL, and writes per key are rate-bounded and coalesced.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisLastValueWriterTests
{
    private readonly RedisServerFixture _server;

    public RedisLastValueWriterTests(RedisServerFixture server) => _server = server;

    private static byte[] Json(string kind, int i) => Encoding.UTF8.GetBytes($$"""{"kind":"{{kind}}","seq":{{i}}}""");

    [RedisFact(Timeout = 20_000)]
    public async Task Offer_ManyValuesPerKind_KeysHoldLatestValueWithTtl()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await using var ctx = RedisTestContext.Create(_server, nameof(Offer_ManyValuesPerKind_KeysHoldLatestValueWithTtl),
            configure: o => o.LastValueMinInterval = TimeSpan.FromMilliseconds(20));
        var writer = ctx.CreateWriter();
        await writer.StartAsync(cts.Token);
        string[] kinds = [LastValueKinds.Ticker, LastValueKinds.Bbo, LastValueKinds.Nbbo, LastValueKinds.Stats];

        for (var i = 0; i < 500; i++)
        {
            foreach (var kind in kinds)
            {
                writer.Offer(kind, "binance:BTCUSDT", Json(kind, i)).Should().BeOneOf(LastValueOfferStatus.Accepted, LastValueOfferStatus.Coalesced);
            }
        }

        foreach (var kind in kinds)
        {
            var key = RedisKeys.LastValue(ctx.Options.KeyPrefix, kind, "binance:BTCUSDT");
            var expected = Encoding.UTF8.GetString(Json(kind, 499));
            await Eventually.UntilAsync($"{key} holds seq 499", async () => await ctx.GetStringAsync(key, cts.Token) == expected, cts.Token);
            var ttl = await ctx.Connection.KeyTimeToLiveAsync(key, cts.Token);
            ttl.Should().NotBeNull().And.BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(ctx.Options.LastValueTtl);
        }

        ctx.Health.GetSnapshot().LastValueKeys.Should().Be(4);
    }

    [RedisFact(Timeout = 15_000)]
    public async Task Offer_ThousandValuesToOneKeyWithinInterval_WritesOncePerIntervalWithLatest()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var ctx = RedisTestContext.Create(_server, nameof(Offer_ThousandValuesToOneKeyWithinInterval_WritesOncePerIntervalWithLatest), time);
        await ctx.ConnectAsync(cts.Token);
        var writer = ctx.CreateWriter(); // loop not started: the test drives each pass under the manual clock
        var key = RedisKeys.LastValue(ctx.Options.KeyPrefix, LastValueKinds.Bbo, "kraken:XBT/USD");

        for (var i = 0; i < 1000; i++)
        {
            writer.Offer(LastValueKinds.Bbo, "kraken:XBT/USD", Json("bbo", i));
        }

        (await writer.FlushAsync(cts.Token)).Should().Be(1, "a key never written is due at once");
        (await ctx.GetStringAsync(key, cts.Token)).Should().Be(Encoding.UTF8.GetString(Json("bbo", 999)));

        for (var i = 1000; i < 2000; i++)
        {
            writer.Offer(LastValueKinds.Bbo, "kraken:XBT/USD", Json("bbo", i));
        }

        (await writer.FlushAsync(cts.Token)).Should().Be(0, "the interval has not elapsed");
        time.Advance(ctx.Options.LastValueMinInterval - TimeSpan.FromMilliseconds(1));
        (await writer.FlushAsync(cts.Token)).Should().Be(0, "1 ms of the interval is left");
        time.Advance(TimeSpan.FromMilliseconds(1));
        (await writer.FlushAsync(cts.Token)).Should().Be(1);
        (await writer.FlushAsync(cts.Token)).Should().Be(0, "nothing new was offered");

        writer.Writes.Should().Be(2);
        writer.Coalesced.Should().Be(1998, "all but the first offer after each write replaced a pending value");
        (await ctx.GetStringAsync(key, cts.Token)).Should().Be(Encoding.UTF8.GetString(Json("bbo", 1999)));
    }

    [Fact(Timeout = 5_000)]
    public async Task Offer_BeyondKeyLimitOrPayloadLimit_IsDroppedAndCounted()
    {
        // In-memory only: the connection is never started.
        await using var ctx = RedisTestContext.Create(_server, nameof(Offer_BeyondKeyLimitOrPayloadLimit_IsDroppedAndCounted), new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            o => { o.LastValueMaxKeys = 2; o.LastValueMaxPayloadBytes = 64; });
        var writer = ctx.CreateWriter();

        writer.Offer("bbo", "a", Json("bbo", 1)).Should().Be(LastValueOfferStatus.Accepted);
        writer.Offer("bbo", "b", Json("bbo", 1)).Should().Be(LastValueOfferStatus.Accepted);
        writer.Offer("bbo", "c", Json("bbo", 1)).Should().Be(LastValueOfferStatus.DroppedKeyLimit);
        writer.Offer("bbo", "a", new byte[65]).Should().Be(LastValueOfferStatus.DroppedTooLarge);
        writer.Offer("", "a", Json("bbo", 1)).Should().Be(LastValueOfferStatus.DroppedInvalid);
        writer.Offer("bbo", "a", Json("bbo", 2)).Should().Be(LastValueOfferStatus.Coalesced);

        var snapshot = ctx.Health.GetSnapshot();
        snapshot.LastValueDropped.Should().Be(3);
        snapshot.LastValueKeys.Should().Be(2);
    }
}
