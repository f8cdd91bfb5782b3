using OrleansFeed.Core.Books;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Tests.Books;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.Exchanges.Tests.Reference;

/// <summary>
/// Property test over real traffic: every level of every book event of every recording (each venue's live parser, every
/// WebSocket frame in recorded order; a snapshot or reset clears the book) is applied to an <see cref="OrderBook"/> and to
/// the sorted-dictionary <see cref="ReferenceBook"/>. Every result agrees, and after every event the touch, the counts
/// and the top 25 levels (price and size text) agree; the whole book agrees at the end. No sync rules: the sequence of
/// book operations real venues produce, gaps and all.
/// </summary>
public sealed class RecordedLevelsBookTests
{
    public static TheoryData<string> Venues() =>
        ["binance_spot", "binance_futures", "binance_coinm_futures", "binance_us_spot", "kucoin", "kraken", "coinbase", "okx", "bybit", "bitfinex"];

    [Theory]
    [MemberData(nameof(Venues))]
    public void EveryRecordedLevel_OrderBookAgreesWithReference(string folder)
    {
        var sink = new ComparingSink();
        var parsers = new Dictionary<string, IFrameParser>(StringComparer.Ordinal);
        foreach (var record in SharedData.Files(folder).SelectMany(CaptureFile.Read))
        {
            if (record.Kind != CaptureRecordKind.Received)
            {
                continue;
            }

            if (!parsers.TryGetValue(record.Source, out var parser))
            {
                AllVenues.Registry().TryMatchUrl(record.Source, out var protocol).Should().BeTrue($"an adapter serves {record.Source}");
                parser = protocol.CreateParser(protocol.CreateSymbolTable([], acceptUnknown: true), ParseLimits.Default);
                parsers.Add(record.Source, parser);
            }

            parser.Parse(record.Payload.Span, record.Time, sink);
        }

        sink.Levels.Should().BeGreaterThan(500, $"{folder} carries book traffic");
        sink.AssertWholeBooksAgree();
    }

    private sealed class ComparingSink : IMarketEventSink
    {
        private readonly Dictionary<string, (OrderBook Book, ReferenceBook Reference)> _books = new(StringComparer.Ordinal);

        public long Levels { get; private set; }

        public void OnBookEvent(in BookEvent bookEvent)
        {
            if (!_books.TryGetValue(bookEvent.Symbol, out var pair))
            {
                pair = (new OrderBook(), new ReferenceBook());
                _books.Add(bookEvent.Symbol, pair);
            }

            if (bookEvent.Kind != BookEventKind.Diff)
            {
                pair.Book.Clear();
                pair.Reference.Clear();
            }

            foreach (var level in bookEvent.LevelSpan)
            {
                pair.Book.Set(level.Side, level.Price, level.Size)
                    .Should().Be(pair.Reference.Set(level.Side, level.Price, level.Size), $"{bookEvent.Symbol} {level}");
                Levels++;
            }

            bookEvent.ReturnLevels();
            AssertTop(bookEvent.Symbol, pair.Book, pair.Reference, 25);
        }

        public void AssertWholeBooksAgree()
        {
            foreach (var (symbol, (book, reference)) in _books)
            {
                AssertTop(symbol, book, reference, int.MaxValue);
            }
        }

        public void OnTrade(string symbol, in Trade trade)
        {
        }

        public void OnBestBidOffer(string symbol, in BestBidOffer bbo)
        {
        }

        public void OnRejected(FrameRejectReason reason, string? symbol)
        {
        }

        public void OnServerShutdownNotice()
        {
        }

        private static void AssertTop(string symbol, OrderBook book, ReferenceBook reference, int depth)
        {
            foreach (var side in new[] { BookSide.Bid, BookSide.Ask })
            {
                var expected = reference.Levels(side);
                book.Count(side).Should().Be(expected.Length, $"{symbol} {side} count");
                var actual = book.ToArray(side, depth);
                actual.Select(Text).Should().Equal(expected.Take(depth).Select(Text), $"{symbol} {side} top {depth}");
            }
        }

        private static string Text(BookLevel level) => $"{level.Price}:{level.Size}";
    }
}
