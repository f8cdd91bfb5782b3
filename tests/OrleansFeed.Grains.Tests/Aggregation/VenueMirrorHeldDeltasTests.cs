using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Tests.Infrastructure;

namespace OrleansFeed.Grains.Tests.Aggregation;

/// <summary>The deltas a mirror holds during a reload (issue 16 item 2): taken in order, and the room a burst needed is released.</summary>
public sealed class VenueMirrorHeldDeltasTests
{
    [Fact]
    public void TakeHeldDeltas_AfterABurst_AllInOrderAndTheLargeListReleased()
    {
        var mirror = new VenueMirror(AggregationHarness.Spot("binance", "BTCUSDT", "BTC-USDT"), CandleBuilderOptions.Default);
        var now = new Timestamp(1_767_225_600_000_000);
        for (var sequence = 1; sequence <= 20_000; sequence++)
        {
            mirror.HeldDeltas.Add(new BookDelta("binance", "BTCUSDT", BookDeltaKind.Update, sequence, 1, BookSyncState.Synced, sequence, [], now, now));
        }

        var held = mirror.TakeHeldDeltas();

        held.Select(d => d.Sequence).Should().Equal(Enumerable.Range(1, 20_000).Select(i => (long)i));
        mirror.HeldDeltas.Should().BeEmpty();
        mirror.HeldDeltas.Capacity.Should().BeLessThanOrEqualTo(VenueMirror.KeptHeldCapacity, "the 20,000-slot array of the burst is not kept");
    }

    [Fact]
    public void TakeHeldDeltas_FewHeld_ListKeptForTheNextReload()
    {
        var mirror = new VenueMirror(AggregationHarness.Spot("binance", "BTCUSDT", "BTC-USDT"), CandleBuilderOptions.Default);
        var now = new Timestamp(1_767_225_600_000_000);
        mirror.HeldDeltas.Add(new BookDelta("binance", "BTCUSDT", BookDeltaKind.Update, 7, 1, BookSyncState.Synced, 7, [], now, now));
        var list = mirror.HeldDeltas;

        mirror.TakeHeldDeltas().Should().ContainSingle().Which.Sequence.Should().Be(7);

        mirror.HeldDeltas.Should().BeSameAs(list).And.BeEmpty();
    }
}
