using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges.Coinbase;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.Exchanges.Tests.Coinbase;

/// <summary>Replays every recorded Coinbase session and checks each book is synced, never reset and equal to an independent rebuild.</summary>
public class CoinbaseReplayTests
{
    [Fact]
    public void Replay_RecordedSessions_EveryBookSyncedAndEqualToReference()
    {
        var engine = new ReplayEngine(new VenueRegistry(CoinbaseProtocol.All()));
        var sessions = CaptureFile.GroupSessions([SharedData.PathOf("coinbase")]);
        sessions.Should().NotBeEmpty();

        foreach (var files in sessions)
        {
            var session = engine.Run(Path.GetFileName(files[0]), files);
            var reference = ReferenceCoinbaseBooks.Build(files).Books;

            session.RejectedFrames.Should().Be(0, session.Name);
            session.UnknownVenueFrames.Should().Be(0, "the recorded ws-feed.pro.coinbase.com URL belongs to the coinbase venue");
            var books = session.Books.Values.Where(b => b.Sync.Counters.Messages > 0).ToList();
            books.Should().NotBeEmpty();
            reference.Should().NotBeEmpty();
            books.Select(b => b.Instrument.Symbol).Should().BeEquivalentTo(reference.Keys, $"every product with a snapshot in {session.Name} is rebuilt");

            foreach (var book in books)
            {
                var symbol = book.Instrument.Symbol;
                var expected = reference[symbol];
                book.Instrument.Venue.Should().Be(Venues.Coinbase);
                // The Exchange level2 feed carries no ids (LastUpdateId 0) and no checksum: its books can only be unverifiable.
                var expectedState = book.Sync.LastUpdateId == 0 ? BookSyncState.Unverifiable : BookSyncState.Synced;
                book.Sync.State.Should().Be(expectedState, $"{session.Name} {symbol}");
                book.Sync.Counters.SnapshotsLoaded.Should().Be(1, symbol);
                book.Sync.Counters.Gaps.Should().Be(0);
                book.Sync.Counters.Resyncs.Should().Be(0);
                book.Sync.Counters.CrossedBooks.Should().Be(0);
                book.Sync.Counters.Applied.Should().Be(expected.Updates, symbol);
                AssertSideEqual(book.Sync.Book.ToArray(BookSide.Bid), expected.Bids, symbol);
                AssertSideEqual(book.Sync.Book.ToArray(BookSide.Ask), expected.Asks, symbol);
            }
        }
    }

    [Fact]
    public void Replay_RecordedSessions_EveryFrameMapsAndInstrumentsAreCanonical()
    {
        var engine = new ReplayEngine(new VenueRegistry(CoinbaseProtocol.All()));
        foreach (var files in CaptureFile.GroupSessions([SharedData.PathOf("coinbase")]))
        {
            var session = engine.Run(Path.GetFileName(files[0]), files);
            var reference = ReferenceCoinbaseBooks.Build(files);

            reference.Frames.Should().BeGreaterThan(0);
            session.Frames.Should().Be(reference.Frames);
            session.ControlFrames.Should().Be(reference.ControlFrames, "subscriptions and heartbeats are control frames");
            session.IgnoredFrames.Should().Be(0, "every recorded type (snapshot, l2update, match, last_match, ticker) maps to an event");
            session.RejectedFrames.Should().Be(0);
            session.Books.Values.Sum(b => b.TradeCount).Should().Be(reference.Trades, "one trade per match or last_match frame");
            session.Books.Values.Where(b => b.LastVenueBbo is not null).Select(b => b.Instrument.Symbol)
                .Should().BeEquivalentTo(reference.TickerProducts, "each product's ticker frames are read as its BBO");
            foreach (var book in session.Books.Values)
            {
                book.Instrument.Canonical.Should().Be(book.Instrument.Symbol, "Coinbase product ids are already BASE-QUOTE");
                book.Instrument.QuoteAsset.Should().NotBeEmpty();
            }
        }
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
