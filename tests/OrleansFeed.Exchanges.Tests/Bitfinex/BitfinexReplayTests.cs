using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Bitfinex;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Tests.Parsing;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.Exchanges.Tests.Bitfinex;

/// <summary>Replays every recorded Bitfinex session: books synced, no sequence breaks, every book equal to an independent rebuild.</summary>
public class BitfinexReplayTests
{
    public static TheoryData<string> Sessions()
    {
        var data = new TheoryData<string>();
        foreach (var files in CaptureFile.GroupSessions([SharedData.PathOf("bitfinex")]))
        {
            data.Add(string.Join('|', files));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Replay_RecordedSession_EveryBookSyncedWithoutGapsAndEqualToReference(string session)
    {
        var files = session.Split('|');
        var engine = new ReplayEngine(new VenueRegistry(BitfinexProtocol.All()));

        var replay = engine.Run(Path.GetFileName(files[0]), files);
        var reference = ReferenceBitfinexBooks.Build(files);

        replay.RejectedFrames.Should().Be(0);
        replay.UnknownVenueFrames.Should().Be(0);
        reference.SequenceBreaks.Should().Be(0, "the README verified SEQ_ALL continuity");
        var books = replay.Books.Values.Where(b => b.Sync.Counters.Messages > 0).ToList();
        books.Should().NotBeEmpty();
        books.Select(b => b.Instrument.Symbol).Should().BeEquivalentTo(reference.Books.Keys);
        replay.Books.Values.Sum(b => b.TradeCount).Should().Be(reference.Trades, "one trade per te frame");

        foreach (var book in books)
        {
            var symbol = book.Instrument.Symbol;
            var expected = reference.Books[symbol];
            book.Sync.State.Should().Be(BookSyncState.Synced, symbol);
            book.Sync.Counters.SnapshotsLoaded.Should().Be(1, symbol);
            book.Sync.Counters.Resyncs.Should().Be(0, $"{symbol}: no sequence break reset it");
            book.Sync.Counters.Duplicates.Should().Be(0);
            book.Sync.Counters.CrossedBooks.Should().Be(0);
            book.Sync.Counters.Applied.Should().Be(expected.Updates, symbol);
            AssertSideEqual(book.Sync.Book.ToArray(BookSide.Bid), expected.Bids, symbol);
            AssertSideEqual(book.Sync.Book.ToArray(BookSide.Ask), expected.Asks, symbol);
        }
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Parser_RecordedSession_EveryNumberedFrameContinuesTheConnectionSequence(string session)
    {
        var files = session.Split('|');
        var reference = ReferenceBitfinexBooks.Build(files);
        var sink = new RecordingMarketEventSink();
        foreach (var file in files)
        {
            var parser = new BitfinexFrameParser(new SymbolTable([], acceptUnknown: true));
            foreach (var record in CaptureFile.Read(file).Where(r => r.Kind == CaptureRecordKind.Received))
            {
                parser.Parse(record.Payload.Span, record.Time, sink);
            }

            parser.SequenceGaps.Should().Be(0);
            parser.SequencedFrames.Should().BeGreaterThan(0);
        }

        sink.Rejections.Should().BeEmpty();
        sink.BookEvents.Should().NotContain(e => e.Event.Kind == BookEventKind.ConnectionReset);
        reference.SequencedFrames.Should().BeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Replay_RecordedSession_EveryFrameMapsAndInstrumentsAreNamed(string session)
    {
        var files = session.Split('|');
        var engine = new ReplayEngine(new VenueRegistry(BitfinexProtocol.All()));

        var replay = engine.Run(Path.GetFileName(files[0]), files);
        var reference = ReferenceBitfinexBooks.Build(files);

        reference.Frames.Should().BeGreaterThan(0);
        replay.Frames.Should().Be(reference.Frames);
        replay.ControlFrames.Should().Be(reference.ControlFrames, "events and heartbeats are control frames");
        replay.IgnoredFrames.Should().Be(reference.IgnoredFrames, "tu re-sends and trade history snapshots are ignored");
        replay.RejectedFrames.Should().Be(0, "every other frame (book, cs, ticker, te) maps to an event");
        replay.Books.Values.Where(b => b.LastVenueBbo is not null).Select(b => b.Instrument.Symbol)
            .Should().BeEquivalentTo(reference.TickerSymbols, "each pair's ticker is its BBO");
        foreach (var book in replay.Books.Values)
        {
            book.Instrument.Symbol.Should().StartWith("t");
            book.Instrument.Canonical.Should().MatchRegex("^[A-Z0-9]+-[A-Z0-9]+(-PERP)?$");
        }
    }

    private static void AssertSideEqual(BookLevel[] actual, SortedDictionary<decimal, decimal> expected, string symbol)
    {
        actual.Should().HaveCount(expected.Count, symbol);
        var i = 0;
        foreach (var (price, size) in expected)
        {
            actual[i].Price.ToDecimal().Should().Be(price, $"{symbol} level {i}");
            actual[i].Size.ToDecimal().Should().Be(size, $"{symbol} level {i}");
            i++;
        }
    }
}
