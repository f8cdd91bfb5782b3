using OrleansFeed.Redis.IntegrationTests.TestSupport;
using Orleans;
using Orleans.Runtime;
using OrleansFeed.TestKit.Redis;

namespace OrleansFeed.Redis.IntegrationTests.Storage;

/// <summary>Verifies RedisGrainStorage (Orleans IGrainStorage) writes, reads, replaces and clears grain state under the documented key.</summary>
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
        var grain = GrainId.Create("orderbook", "binance:BTCUSDT");
        var read = new GrainState<BookState>();

        await storage.ReadStateAsync("book", grain, read);
        read.RecordExists.Should().BeFalse("nothing was written yet");

        await storage.WriteStateAsync("book", grain, new GrainState<BookState>(new BookState("BTCUSDT", 65_000.12m, 1)));
        await storage.WriteStateAsync("book", grain, new GrainState<BookState>(new BookState("BTCUSDT", 65_001.50m, 2)));
        await storage.ReadStateAsync("book", grain, read);
        read.RecordExists.Should().BeTrue();
        read.State.Should().Be(new BookState("BTCUSDT", 65_001.50m, 2));

        var raw = await ctx.GetStringAsync(RedisKeys.Grain(ctx.Options.KeyPrefix, "orderbook/book", "binance:BTCUSDT"), cts.Token);
        raw.Should().Be("""{"symbol":"BTCUSDT","lastPrice":65001.50,"sequence":2}""");

        var cleared = new GrainState<BookState>();
        await storage.ClearStateAsync("book", grain, cleared);
        await storage.ReadStateAsync("book", grain, cleared);
        cleared.RecordExists.Should().BeFalse();
        await storage.ClearStateAsync("book", grain, cleared); // no error when nothing exists
    }

    [RedisFact(Timeout = 15_000)]
    public async Task ReadState_WithJsonOfOtherShape_ThrowsInvalidData()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var ctx = RedisTestContext.Create(_server, nameof(ReadState_WithJsonOfOtherShape_ThrowsInvalidData));
        var storage = ctx.CreateGrainStorage();
        var grain = GrainId.Create("orderbook", "kraken:XBT/USD");
        await ctx.Connection.StringSetAsync(RedisKeys.Grain(ctx.Options.KeyPrefix, "orderbook/book", "kraken:XBT/USD"), "not json"u8.ToArray(), null, cts.Token);

        var read = () => storage.ReadStateAsync("book", grain, new GrainState<BookState>());

        (await read.Should().ThrowAsync<RedisProviderException>()).Which.Kind.Should().Be(RedisFailureKind.InvalidData);
    }
}
