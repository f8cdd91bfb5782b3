using System.Globalization;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Kraken;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.Exchanges.Tests.Kraken;

/// <summary>Replays every Kraken recording: every book synced, every checksum matching, each book equal to the independent rebuild; trades and tickers counted.</summary>
public class KrakenReplayTests
{
    [Fact]
    public void Replay_EveryRecording_BooksSyncedChecksumsMatchAndEqualReference()
    {
        var sessions = CaptureFile.GroupSessions([SharedData.PathOf("kraken")]);
        sessions.Should().NotBeEmpty();
        long books = 0, verified = 0, trades = 0;

        foreach (var files in sessions)
        {
            files.Should().ContainSingle("Kraken recordings are combined files");
            var engine = new ReplayEngine(new VenueRegistry(KrakenProtocol.All()));
            var session = engine.Run(Path.GetFileName(files[0]), files);
            var reference = ReferenceKrakenBooks.Build(files[0]);

            session.RejectedFrames.Should().Be(0, session.Name);
            session.UnknownVenueFrames.Should().Be(0, session.Name);
            var depthBooks = session.Books.Values.Where(b => b.Sync.Counters.Messages > 0).ToList();
            depthBooks.Select(b => b.Instrument.Symbol).Should().BeEquivalentTo(reference.Books.Keys, session.Name);

            foreach (var book in depthBooks)
            {
                var symbol = book.Instrument.Symbol;
                var expected = reference.Books[symbol];
                var counters = book.Sync.Counters;
                expected.ChecksumsFailed.Should().Be(0, "the independent rebuild agrees with every venue checksum of {0}", symbol);
                book.Sync.State.Should().Be(BookSyncState.Synced, symbol);
                counters.ChecksumFailures.Should().Be(0, symbol);
                counters.ChecksumsVerified.Should().Be(expected.ChecksumsMatched, symbol);
                counters.Resyncs.Should().Be(0, symbol);
                counters.CrossedBooks.Should().Be(0, symbol);
                counters.SnapshotsLoaded.Should().Be(expected.Snapshots, symbol);
                ((KrakenBookSync)book.Sync).Depth.Should().Be(expected.Depth, symbol);
                AssertSideEqual(book.Sync.Book.ToArray(BookSide.Bid), expected.Bids, symbol);
                AssertSideEqual(book.Sync.Book.ToArray(BookSide.Ask), expected.Asks, symbol);
                books++;
                verified += counters.ChecksumsVerified;
            }

            foreach (var (symbol, list) in reference.Trades)
            {
                var book = session.Books[$"kraken:{symbol}"];
                book.TradeCount.Should().Be(list.Count, symbol);
                var last = list[^1];
                book.LastTrade!.Value.Price.ToString().Should().Be(last.Price);
                book.LastTrade.Value.Size.ToString().Should().Be(last.Size);
                book.LastTrade.Value.Aggressor.Should().Be(last.Side == "b" ? AggressorSide.Buy : AggressorSide.Sell);
                book.LastTrade.Value.ExchangeTime.UnixMicroseconds.Should().Be(
                    (long)(decimal.Parse(last.Time, CultureInfo.InvariantCulture) * 1_000_000m), "the v1 time text converts to µs exactly");
                trades += list.Count;
            }

            foreach (var symbol in reference.Tickers)
            {
                session.Books[$"kraken:{symbol}"].LastVenueBbo.Should().NotBeNull(symbol);
            }
        }

        books.Should().BeGreaterThan(0);
        verified.Should().BeGreaterThan(0);
        trades.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Replay_BookRecording_NamesInstrumentsCanonically()
    {
        var file = SharedData.Files("kraken").First(f => f.Contains("book", StringComparison.Ordinal));
        var session = new ReplayEngine(new VenueRegistry(KrakenProtocol.All())).Run("book", [file]);

        session.Books["kraken:XBT/USD"].Instrument.Canonical.Should().Be("BTC-USD");
        session.Books["kraken:ALGO/XBT"].Instrument.Canonical.Should().Be("ALGO-BTC");
        session.ControlFrames.Should().BeGreaterThan(0, "systemStatus, subscriptionStatus and heartbeats are control frames");
    }

    private static void AssertSideEqual(BookLevel[] actual, SortedDictionary<decimal, (string Price, string Size)> expected, string symbol)
    {
        actual.Should().HaveCount(expected.Count, symbol);
        var i = 0;
        foreach (var (price, text) in expected)
        {
            actual[i].Price.ToDecimal().Should().Be(price, $"{symbol} level {i}");
            actual[i].Price.ToString().Should().Be(text.Price, $"{symbol} level {i} keeps the venue's price text");
            actual[i].Size.ToString().Should().Be(text.Size, $"{symbol} level {i} keeps the venue's size text");
            i++;
        }
    }
}
