using OrleansFeed.Redis.IntegrationTests.TestSupport;
using OrleansFeed.Runtime;
using OrleansFeed.TestKit.Redis;

namespace OrleansFeed.Redis.IntegrationTests.Storage;

/// <summary>Verifies RedisGrainStorage writes, reads, replaces and clears grain state under the documented key.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisGrainStorageTests
{
    private readonly RedisServerFixture _server;

    public RedisGrainStorageTests(RedisServerFixture server) => _server = server;

    private sealed record BookState(string Symbol, decimal LastPrice, long Sequence);

    [RedisFact(Timeout = 15_000)]
    public async Task WriteReadClear_RoundTrip_ReturnsStateThenNull()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var ctx = RedisTestContext.Create(_server, nameof(WriteReadClear_RoundTrip_ReturnsStateThenNull));
        var storage = ctx.CreateGrainStorage();
        var grain = new GrainId("IOrderBookGrain", "binance:BTCUSDT");

        (await storage.ReadStateAsync<BookState>(grain, cts.Token)).Should().BeNull("nothing was written yet");

        await storage.WriteStateAsync(grain, new BookState("BTCUSDT", 65_000.12m, 1), cts.Token);
        await storage.WriteStateAsync(grain, new BookState("BTCUSDT", 65_001.50m, 2), cts.Token);
        (await storage.ReadStateAsync<BookState>(grain, cts.Token)).Should().Be(new BookState("BTCUSDT", 65_001.50m, 2));

        var raw = await ctx.GetStringAsync(RedisKeys.Grain(ctx.Options.KeyPrefix, "IOrderBookGrain", "binance:BTCUSDT"), cts.Token);
        raw.Should().Be("""{"symbol":"BTCUSDT","lastPrice":65001.50,"sequence":2}""");

        await storage.ClearStateAsync(grain, cts.Token);
        (await storage.ReadStateAsync<BookState>(grain, cts.Token)).Should().BeNull();
        await storage.ClearStateAsync(grain, cts.Token); // no error when nothing exists
    }

    [RedisFact(Timeout = 15_000)]
    public async Task ReadState_WithJsonOfOtherShape_ThrowsInvalidData()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var ctx = RedisTestContext.Create(_server, nameof(ReadState_WithJsonOfOtherShape_ThrowsInvalidData));
        var storage = ctx.CreateGrainStorage();
        var grain = new GrainId("IOrderBookGrain", "kraken:XBT/USD");
        await ctx.Connection.StringSetAsync(RedisKeys.Grain(ctx.Options.KeyPrefix, grain.Type, grain.Key), "not json"u8.ToArray(), null, cts.Token);

        var read = () => storage.ReadStateAsync<BookState>(grain, cts.Token);

        (await read.Should().ThrowAsync<RedisProviderException>()).Which.Kind.Should().Be(RedisFailureKind.InvalidData);
    }
}
