using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Serialization;

namespace OrleansFeed.Grains.Tests.Serialization;

/// <summary>
/// The contracts cross a silo boundary intact (the silo cluster needs it; inside one silo they are passed by
/// reference): Orleans' serializer with the feed's Core-type codec round-trips them with exact decimal text.
/// </summary>
public sealed class ContractSerializationTests
{
    private static Serializer CreateSerializer() =>
        new ServiceCollection().AddSerializer(s => s.AddOrleansFeedSerialization()).BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void BookSnapshot_RoundTrip_KeepsLevelsStateAndScale()
    {
        var serializer = CreateSerializer();
        var time = new Timestamp(1_633_998_512_068_000);
        var snapshot = new BookSnapshot(
            "binance", "BTCUSDT", "BTC-USDT", BookSyncState.Synced, 3, 42, 600_859_605_926, time, time,
            [new BookLevel(FixedDecimal.Parse("65000.10"), FixedDecimal.Parse("1.500"))],
            [new BookLevel(FixedDecimal.Parse("65000.20"), FixedDecimal.Parse("0.00100000"))],
            new BookCounters(10, 9, 0, 1, 1, 0, 0, 0, 0, time) { ChecksumsVerified = 7 });

        var copy = serializer.Deserialize<BookSnapshot>(serializer.SerializeToArray(snapshot))!;

        copy.Should().BeEquivalentTo(snapshot);
        copy.Bids[0].Price.ToString().Should().Be("65000.10", "the venue's scale is kept");
        copy.Asks[0].Size.ToString().Should().Be("0.00100000");
        copy.Counters.ChecksumsVerified.Should().Be(7);
        copy.IsStale.Should().BeFalse();
    }

    [Fact]
    public void TickerWithTradeAndVenueBbo_RoundTrip_Equal()
    {
        var serializer = CreateSerializer();
        var time = new Timestamp(1_700_000_000_000_000);
        var ticker = new Ticker(
            "kraken", "XBT/USD", "BTC-USD", BookSyncState.Syncing,
            new BookLevel(FixedDecimal.Parse("58721.2"), FixedDecimal.Parse("3.52698189")),
            null,
            new Trade(17, FixedDecimal.Parse("58721.3"), FixedDecimal.Parse("0.01"), AggressorSide.Sell, time, time),
            new BestBidOffer(5, FixedDecimal.Parse("1"), FixedDecimal.Parse("2"), FixedDecimal.Parse("3"), FixedDecimal.Parse("4"), Timestamp.None, time));

        var copy = serializer.Deserialize<Ticker>(serializer.SerializeToArray(ticker));

        copy.Should().Be(ticker);
    }
}
