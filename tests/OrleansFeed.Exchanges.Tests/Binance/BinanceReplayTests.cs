using System.Globalization;
using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.Exchanges.Tests.Binance;

/// <summary>Replays every recorded Binance session and checks each book is synced, gap-free and equal to an independent rebuild.</summary>
public class BinanceReplayTests
{
    public static TheoryData<string> Folders() => new() { "binance_spot", "binance_futures", "binance_coinm_futures", "binance_us_spot" };

    [Theory]
    [MemberData(nameof(Folders))]
    public void Replay_RecordedSessions_EveryBookSyncedWithoutGapsAndEqualToReference(string folder)
    {
        var engine = new ReplayEngine(new VenueRegistry(BinanceProtocol.All()));
        var futures = folder.Contains("futures", StringComparison.Ordinal);
        var sessions = CaptureFile.GroupSessions([SharedData.PathOf(folder)]);
        sessions.Should().NotBeEmpty();

        foreach (var files in sessions)
        {
            var session = engine.Run(Path.GetFileName(files[0]), files);
            var reference = ReferenceBinanceBooks.Build(files, futures);

            session.RejectedFrames.Should().Be(0);
            var depthBooks = session.Books.Values.Where(b => b.Sync.Counters.Messages > 0).ToList();
            depthBooks.Should().NotBeEmpty();
            depthBooks.Select(b => b.Instrument.Symbol).Should().BeEquivalentTo(reference.Keys, $"every symbol with a snapshot in {session.Name} is rebuilt");

            foreach (var book in depthBooks)
            {
                var expected = reference[book.Instrument.Symbol];
                book.Sync.State.Should().Be(BookSyncState.Synced, $"{session.Name} {book.Instrument.Symbol}");
                book.Sync.Counters.Gaps.Should().Be(0);
                book.Sync.Counters.Resyncs.Should().Be(0);
                book.Sync.LastUpdateId.Should().Be(expected.LastUpdateId);
                AssertSideEqual(book.Sync.Book.ToArray(BookSide.Bid), expected.Bids, book.Instrument.Symbol);
                AssertSideEqual(book.Sync.Book.ToArray(BookSide.Ask), expected.Asks, book.Instrument.Symbol);
            }
        }
    }

    [Fact]
    public void Replay_FuturesSession_CountsTradesAndNamesInstruments()
    {
        var engine = new ReplayEngine(new VenueRegistry(BinanceProtocol.All()));
        var files = CaptureFile.GroupSessions([SharedData.PathOf("binance_futures")])
            .Single(s => s[0].Contains("2021-07-22", StringComparison.Ordinal));

        var session = engine.Run("futures", files);

        session.Books["binance-futures:SUSHIUSDT"].Instrument.Canonical.Should().Be("SUSHI-USDT-PERP");
        session.Books.Values.Sum(b => b.TradeCount).Should().Be(91, "the README counts 91 aggTrade frames in this session");
        session.IgnoredFrames.Should().Be(67, "kline frames are valid but unused");
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
