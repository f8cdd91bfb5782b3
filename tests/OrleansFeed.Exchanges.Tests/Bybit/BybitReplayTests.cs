using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Bybit;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.Exchanges.Tests.Bybit;

/// <summary>Replays every recorded Bybit session (v5 linear and retired v2) and checks each book is synced, gap-free and equal to an independent rebuild.</summary>
public class BybitReplayTests
{
    public static TheoryData<string> Files() => new(SharedData.Files("bybit").Select(Path.GetFileName)!);

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Files))]
    public async Task Replay_RecordedSession_EveryBookSyncedWithoutGapsAndEqualToReference(string fileName)
    {
        var file = SharedData.PathOf(Path.Combine("bybit", fileName));
        var (session, reference) = await Task.Run(() =>
            (new ReplayEngine(new VenueRegistry(BybitProtocol.All())).Run(fileName, [file]), ReferenceBybitBooks.Build(file)));

        session.RejectedFrames.Should().Be(0);
        session.UnknownVenueFrames.Should().Be(0);
        var books = session.Books.Values.Where(b => b.Sync.Counters.Messages > 0).ToList();
        books.Should().NotBeEmpty();
        books.Should().OnlyContain(b => b.Instrument.Venue == "bybit", "both recordings are of the linear category");
        books.Select(b => b.Instrument.Symbol).Should().BeEquivalentTo(reference.Books.Keys);
        foreach (var book in books)
        {
            var symbol = book.Instrument.Symbol;
            var expected = reference.Books[symbol];
            var counters = book.Sync.Counters;
            // The retired v2 orderBookL2_25 has no update id and no checksum: its books are unverifiable, never synced.
            book.Sync.State.Should().Be(fileName.Contains("_v2-", StringComparison.Ordinal) ? BookSyncState.Unverifiable : BookSyncState.Synced, symbol);
            counters.Gaps.Should().Be(0, symbol);
            counters.Resyncs.Should().Be(0, symbol);
            counters.Duplicates.Should().Be(0, symbol);
            counters.SnapshotsLoaded.Should().Be(expected.Snapshots, symbol);
            counters.Applied.Should().Be(expected.Deltas, symbol);
            book.Sync.LastUpdateId.Should().Be(expected.LastId, symbol);
            AssertSideEqual(book.Sync.Book.ToArray(BookSide.Bid), expected.Bids, symbol);
            AssertSideEqual(book.Sync.Book.ToArray(BookSide.Ask), expected.Asks, symbol);
        }

        session.Books.Values.Sum(b => b.TradeCount).Should().Be(reference.Trades);
    }

    [Fact(Timeout = 120_000)]
    public async Task Replay_V2Session_AppliesDeltasCountsTradesAndNamesPerpetuals()
    {
        var file = SharedData.Files("bybit").Single(f => f.Contains("v2-realtime_public", StringComparison.Ordinal));

        var session = await Task.Run(() => new ReplayEngine(new VenueRegistry(BybitProtocol.All())).Run("bybit-v2", [file]));

        session.Books["bybit:ETHUSDT"].Instrument.Canonical.Should().Be("ETH-USDT-PERP");
        session.Books.Values.Sum(b => b.Sync.Counters.Applied).Should().Be(3252, "the README counts 3252 orderBookL2_25 deltas");
        session.Books.Values.Sum(b => b.TradeCount).Should().Be(101, "66 trade frames carry 101 trades");
        session.ControlFrames.Should().Be(16, "one subscribe ack per topic");
    }

    private static void AssertSideEqual(BookLevel[] actual, SortedDictionary<decimal, string> expected, string symbol)
    {
        actual.Should().HaveCount(expected.Count, symbol);
        var i = 0;
        foreach (var (price, size) in expected)
        {
            actual[i].Price.ToDecimal().Should().Be(price, $"{symbol} level {i}");
            actual[i].Size.ToString().Should().Be(size, $"{symbol} level {i} keeps the venue's text");
            i++;
        }
    }
}
