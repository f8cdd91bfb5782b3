using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Okx;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.Exchanges.Tests.Okx;

/// <summary>Replays every recorded OKX session and checks each book is synced, every checksum matches and each book equals an independent rebuild.</summary>
public class OkxReplayTests
{
    public static TheoryData<string> Files() => new(SharedData.Files("okx").Select(Path.GetFileName)!);

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Files))]
    public async Task Replay_RecordedSession_EveryBookSyncedChecksumsVerifiedAndEqualToReference(string fileName)
    {
        var file = SharedData.PathOf(Path.Combine("okx", fileName));
        var (session, reference) = await Task.Run(() =>
            (new ReplayEngine(new VenueRegistry(OkxProtocol.All())).Run(fileName, [file]), ReferenceOkxBooks.Build(file)));

        session.RejectedFrames.Should().Be(0);
        session.UnknownVenueFrames.Should().Be(0);
        var books = session.Books.Values.Where(b => b.Sync.Counters.Messages > 0).ToList();
        books.Should().NotBeEmpty();
        books.Select(b => b.Instrument.Symbol).Should().BeEquivalentTo(reference.Books.Keys);
        foreach (var book in books)
        {
            var symbol = book.Instrument.Symbol;
            var expected = reference.Books[symbol];
            var counters = book.Sync.Counters;
            book.Sync.State.Should().Be(BookSyncState.Synced, symbol);
            counters.Gaps.Should().Be(0, symbol);
            counters.Resyncs.Should().Be(0, symbol);
            counters.ChecksumFailures.Should().Be(0, symbol);
            expected.ChecksumMatches.Should().Be(expected.NonZeroChecksums, $"the reference agrees with OKX on every {symbol} checksum");
            counters.ChecksumsVerified.Should().Be(expected.NonZeroChecksums, symbol).And.BeGreaterThan(0);
            counters.SnapshotsLoaded.Should().Be(expected.Snapshots, symbol);
            AssertSideEqual(book.Sync.Book.ToArray(BookSide.Bid), expected.Bids, symbol);
            AssertSideEqual(book.Sync.Book.ToArray(BookSide.Ask), expected.Asks, symbol);
        }

        session.Books.Values.Sum(b => b.TradeCount).Should().Be(reference.Trades).And.BeGreaterThan(0);
        session.Books.Values.Count(b => b.LastVenueBbo is not null).Should().BeGreaterThan(0, "tickers carry the venue's BBO");
    }

    [Fact(Timeout = 120_000)]
    public async Task Replay_2021Session_NamesInstrumentsCanonically()
    {
        var file = SharedData.Files("okx").Single(f => f.Contains("2021-07-22", StringComparison.Ordinal));

        var session = await Task.Run(() => new ReplayEngine(new VenueRegistry(OkxProtocol.All())).Run("okx", [file]));

        session.Books["okx:XMR-USDT-SWAP"].Instrument.Canonical.Should().Be("XMR-USDT-PERP");
        session.Books["okx:TRX-USDT-210924"].Instrument.Canonical.Should().Be("TRX-USDT-20210924");
        session.Books["okx:FUN-BTC"].Instrument.Canonical.Should().Be("FUN-BTC");
        session.Books["okx:BTC-USD-210924-42000-P"].Instrument.Canonical.Should().Be("BTC-USD-20210924-42000-P");
        session.ControlFrames.Should().Be(30, "one subscribe event per channel and instrument");
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
