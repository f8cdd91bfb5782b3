using OrleansFeed.Runtime.Storage;

namespace OrleansFeed.Runtime.Tests.Storage;

/// <summary>Verifies the in-memory grain storage: round trip, copies not references, empty and cleared state.</summary>
public sealed class InMemoryGrainStorageTests
{
    private static readonly GrainId Grain = new("IOrderBookGrain", "binance:BTCUSDT");

    [Fact]
    public async Task Read_NothingWritten_ReturnsNull()
    {
        var storage = new InMemoryGrainStorage();

        (await storage.ReadStateAsync<BookState>(Grain)).Should().BeNull();
    }

    [Fact]
    public async Task WriteThenRead_Record_RoundTripsAsCopy()
    {
        var storage = new InMemoryGrainStorage();
        var state = new BookState("BTCUSDT", 42, 65_000.12m, ["a", "b"]);

        await storage.WriteStateAsync(Grain, state);
        state.Levels.Add("mutated after write");
        var read = await storage.ReadStateAsync<BookState>(Grain);

        read.Should().NotBeNull();
        read.Should().NotBeSameAs(state);
        read!.Symbol.Should().Be("BTCUSDT");
        read.LastSequence.Should().Be(42);
        read.LastPrice.Should().Be(65_000.12m);
        read.Levels.Should().Equal("a", "b");
    }

    [Fact]
    public async Task Clear_WrittenState_ReadReturnsNullAndSecondClearIsHarmless()
    {
        var storage = new InMemoryGrainStorage();
        await storage.WriteStateAsync(Grain, new BookState("ETHUSDT", 1, 1m, []));

        await storage.ClearStateAsync(Grain);
        await storage.ClearStateAsync(Grain);

        (await storage.ReadStateAsync<BookState>(Grain)).Should().BeNull();
    }

    public sealed record BookState(string Symbol, long LastSequence, decimal LastPrice, List<string> Levels);
}
