using FluentAssertions;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Bybit;
using OrleansFeed.Exchanges.Coinbase;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Kraken;
using OrleansFeed.Exchanges.Okx;
using Xunit;
using static OrleansFeed.Exchanges.Tests.Binance.BookEvents;

namespace OrleansFeed.Exchanges.Tests.Sync;

/// <summary>
/// The verification contract of the sync procedures (docs/errors.md#book-states): a possible loss makes a synced book
/// unverified until the venue's next proof (a continuous sequence, a matching checksum) or a resync; a feed without any
/// proof is unverifiable, never synced.
/// </summary>
public sealed class UnverifiedStateTests
{
    [Fact]
    public void Kraken_RejectedFrameOfTheBook_UnverifiedUntilTheNextMatchingChecksum()
    {
        var sync = new KrakenBookSync();
        sync.OnEvent(Snapshot(10, "b:100.0:1.000", "a:101.0:3.000"), null);
        sync.State.Should().Be(BookSyncState.Synced);

        sync.OnEvent(BookEvent.PossibleLoss(Symbol, PossibleLossScope.Symbol, new Timestamp(3)), null);

        sync.State.Should().Be(BookSyncState.Unverified, "the rejected frame may have been this book's update: its top of book may be wrong");
        sync.Counters.RejectedFrames.Should().Be(1);
        sync.Counters.Unverified.Should().Be(1);

        var expected = KrakenChecksum.Compute(Book("b:100.0:1.500", "a:101.0:3.000"));
        sync.OnEvent(Diff(10, 10, -1, "b:100.0:1.500") with { Checksum = expected }, null).Action.Should().Be(SyncAction.Applied);

        sync.State.Should().Be(BookSyncState.Synced, "a matching checksum proves the top 10 again");
    }

    [Fact]
    public void Kraken_LastUpdateLost_StaysUnverifiedForEver()
    {
        var sync = new KrakenBookSync();
        sync.OnEvent(Snapshot(10, "b:100.0:1.000", "a:101.0:3.000"), null);

        sync.OnEvent(BookEvent.PossibleLoss(Symbol, PossibleLossScope.Connection, new Timestamp(3)), null);

        sync.State.Should().Be(BookSyncState.Unverified, "no later checksum can prove the book");
        sync.Counters.RejectedFrames.Should().Be(0, "a frame without a readable symbol is counted by the connection, not the book");
        sync.Counters.PossibleLosses.Should().Be(1);
    }

    [Fact]
    public void Kraken_UpdateAfterALoss_WithAWrongChecksum_Resyncs()
    {
        var sync = new KrakenBookSync();
        sync.OnEvent(Snapshot(10, "b:100.0:1.000", "a:101.0:3.000"), null);
        sync.OnEvent(BookEvent.PossibleLoss(Symbol, PossibleLossScope.Symbol, new Timestamp(3)), null);

        var result = sync.OnEvent(Diff(10, 10, -1, "b:100.0:1.500") with { Checksum = 12345u }, null);

        result.Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.ChecksumMismatch));
        sync.State.Should().Be(BookSyncState.Syncing);
        sync.Counters.Resyncs.Should().Be(1, "leaving unverified for syncing is a resync like leaving synced");
    }

    [Fact]
    public void Okx_Sequenced_NextContinuousUpdateProves_AGapResyncs()
    {
        var sync = new OkxBookSync();
        sync.OnEvent(Snapshot(10, "b:100:1", "a:101:1"), null);
        sync.OnEvent(BookEvent.PossibleLoss(Symbol, PossibleLossScope.Symbol, Timestamp.None), null);
        sync.State.Should().Be(BookSyncState.Unverified);

        sync.OnEvent(Diff(11, 11, 10, "b:100:2"), null).Action.Should().Be(SyncAction.Applied);
        sync.State.Should().Be(BookSyncState.Synced, "prevSeqId 10 = the last seqId: nothing was lost");

        sync.OnEvent(BookEvent.PossibleLoss(Symbol, PossibleLossScope.Symbol, Timestamp.None), null);
        sync.OnEvent(Diff(13, 13, 12, "b:100:3"), null).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Gap));
        sync.State.Should().Be(BookSyncState.Syncing, "the rejected frame was update 12");
    }

    [Fact]
    public void Okx_WithoutSequence_OnlyAMatchingChecksumProves()
    {
        var sync = new OkxBookSync();
        sync.OnEvent(Snapshot(OkxBookSync.NoSequence, "b:100:1", "a:101:1"), null);
        sync.OnEvent(BookEvent.PossibleLoss(Symbol, PossibleLossScope.Symbol, Timestamp.None), null);

        sync.OnEvent(Diff(OkxBookSync.NoSequence, OkxBookSync.NoSequence, OkxBookSync.NoSequence, "b:100:2"), null);
        sync.State.Should().Be(BookSyncState.Unverified, "a 2021 frame without seqId and without checksum proves nothing");

        var expected = OkxChecksum.Compute(Book("b:100:3", "a:101:1"));
        sync.OnEvent(Diff(OkxBookSync.NoSequence, OkxBookSync.NoSequence, OkxBookSync.NoSequence, "b:100:3") with { Checksum = expected }, null);
        sync.State.Should().Be(BookSyncState.Synced);
    }

    [Fact]
    public void Binance_ContinuousDiffProves_LostDiffShowsAsGap()
    {
        var sync = new BinanceBookSync(BinanceMarket.Spot);
        sync.OnEvent(Diff(101, 101, -1, "b:100:8"), null);
        sync.OnEvent(Snapshot(100, "b:100:7", "a:101:3"), null);
        sync.State.Should().Be(BookSyncState.Synced);

        sync.OnEvent(BookEvent.PossibleLoss(Symbol, PossibleLossScope.Symbol, Timestamp.None), null);
        sync.State.Should().Be(BookSyncState.Unverified);
        sync.OnEvent(Diff(102, 102, -1, "b:100:9"), null).Action.Should().Be(SyncAction.Applied, "an unverified book is maintained");
        sync.State.Should().Be(BookSyncState.Synced, "U = last u + 1: the rejected frame was not one of this book's diffs");

        sync.OnEvent(BookEvent.PossibleLoss(Symbol, PossibleLossScope.Connection, Timestamp.None), null);
        sync.OnEvent(Diff(104, 104, -1, "b:100:1"), null).Should().Be(new SyncResult(SyncAction.RequestSnapshot, ResyncReason.Gap));
        sync.State.Should().Be(BookSyncState.Syncing);
    }

    [Fact]
    public void PossibleLossWhileSyncing_ChangesNothing()
    {
        var sync = new BinanceBookSync(BinanceMarket.Spot);
        sync.OnEvent(BookEvent.PossibleLoss(Symbol, PossibleLossScope.Symbol, Timestamp.None), null).Action.Should().Be(SyncAction.Ignored);

        sync.State.Should().Be(BookSyncState.Syncing);
        sync.Counters.Unverified.Should().Be(0);
    }

    [Fact]
    public void CoinbaseExchangeLevel2_Unverifiable_ALossMakesItUnverifiedUntilResync()
    {
        var sync = new CoinbaseBookSync();
        sync.OnEvent(Snapshot(0, "b:1:1", "a:2:1"), null);
        sync.State.Should().Be(BookSyncState.Unverifiable, "level2 has no sequence and no checksum");
        sync.OnEvent(Diff(0, 0, -1, "b:1:2"), null);
        sync.State.Should().Be(BookSyncState.Unverifiable);

        sync.OnEvent(BookEvent.PossibleLoss(Symbol, PossibleLossScope.Symbol, Timestamp.None), null);
        sync.OnEvent(Diff(0, 0, -1, "b:1:3"), null);

        sync.State.Should().Be(BookSyncState.Unverified, "nothing will ever prove the book again; only a resync clears it");
        sync.OnEvent(Snapshot(0, "b:1:4", "a:2:1"), null);
        sync.State.Should().Be(BookSyncState.Unverifiable);
    }

    [Fact]
    public void CoinbaseAdvanced_SequencedEvents_Synced()
    {
        var sync = new CoinbaseBookSync();
        sync.OnEvent(Snapshot(7, "b:1:1", "a:2:1"), null);
        sync.OnEvent(BookEvent.PossibleLoss(Symbol, PossibleLossScope.Symbol, Timestamp.None), null);

        sync.OnEvent(Diff(8, 8, -1, "b:1:2"), null);

        sync.State.Should().Be(BookSyncState.Synced, "sequence_num is checked connection-wide by the parser");
    }

    [Fact]
    public void BybitV2_Unverifiable_V5_Synced()
    {
        var v2 = new BybitBookSync(depth: 25);
        v2.OnEvent(Create(BookEventKind.Snapshot, 100, 100, BybitBookSync.CrossSequenceOnly, "b:1:1", "a:2:1"), null);
        v2.OnEvent(Create(BookEventKind.Diff, 101, 101, BybitBookSync.CrossSequenceOnly, "b:1:2"), null);
        v2.State.Should().Be(BookSyncState.Unverifiable, "orderBookL2_25 has only cross_seq, which cannot reveal a gap");

        var v5 = new BybitBookSync(depth: 50);
        v5.OnEvent(Create(BookEventKind.Snapshot, 0, 10, -1, "b:1:1", "a:2:1"), null);
        v5.OnEvent(Create(BookEventKind.Diff, 0, 11, -1, "b:1:2"), null);
        v5.State.Should().Be(BookSyncState.Synced);
    }

    [Fact]
    public void StateNames_AndWhichMayQuote()
    {
        BookSyncState.Synced.ToWire().Should().Be("synced");
        BookSyncState.Syncing.ToWire().Should().Be("syncing");
        BookSyncState.Unverified.ToWire().Should().Be("unverified");
        BookSyncState.Unverifiable.ToWire().Should().Be("unverifiable");
        BookSyncState.Synced.MayQuote().Should().BeTrue();
        BookSyncState.Unverifiable.MayQuote().Should().BeTrue();
        BookSyncState.Unverified.MayQuote().Should().BeFalse();
        BookSyncState.Syncing.MayQuote().Should().BeFalse();
    }

    private static BookEvent Create(BookEventKind kind, long first, long last, long previous, params string[] levels)
    {
        var array = System.Buffers.ArrayPool<LevelUpdate>.Shared.Rent(Math.Max(1, levels.Length));
        for (var i = 0; i < levels.Length; i++)
        {
            array[i] = Level(levels[i]);
        }

        return new BookEvent(kind, Symbol, first, last, previous, array, levels.Length, Timestamp.None, new Timestamp(last));
    }

    private static OrderBook Book(params string[] levels)
    {
        var book = new OrderBook();
        foreach (var level in levels.Select(Level))
        {
            book.Set(level.Side, level.Price, level.Size);
        }

        return book;
    }
}
