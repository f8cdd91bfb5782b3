using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.KuCoin;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.Exchanges.Tests.KuCoin;

/// <summary>Replays every recorded KuCoin session and checks each book is synced, gap-free and equal to an independent rebuild.</summary>
public class KuCoinReplayTests
{
    public static TheoryData<KuCoinSnapshotDepth> Depths() => new() { KuCoinSnapshotDepth.Full, KuCoinSnapshotDepth.Top100 };

    [Theory]
    [MemberData(nameof(Depths))]
    public void Replay_RecordedSessions_EveryBookSyncedWithoutGapsAndEqualToReference(KuCoinSnapshotDepth depth)
    {
        var engine = new ReplayEngine(new VenueRegistry([new KuCoinProtocol(depth)]));
        var sessions = CaptureFile.GroupSessions([SharedData.PathOf("kucoin")]);
        sessions.Should().NotBeEmpty();

        foreach (var files in sessions)
        {
            var session = engine.Run(Path.GetFileName(files[0]), files);
            var reference = ReferenceKuCoinBooks.Build(files);

            session.RejectedFrames.Should().Be(0, session.Name);
            session.UnknownVenueFrames.Should().Be(0, "the KuCoin connection URL is recognised");
            session.Snapshots.Should().Be(reference.Count);
            var books = session.Books.Values.Where(b => b.Sync.Counters.Messages > 0).ToList();
            books.Should().NotBeEmpty();
            books.Select(b => b.Instrument.Symbol).Should().BeEquivalentTo(reference.Keys, $"every symbol with a snapshot in {session.Name} is rebuilt");

            foreach (var book in books)
            {
                var symbol = book.Instrument.Symbol;
                var expected = reference[symbol];
                var sync = (KuCoinBookSync)book.Sync;
                expected.Synced.Should().BeTrue($"the reference aligns {symbol}");
                expected.Gaps.Should().Be(0);
                sync.State.Should().Be(BookSyncState.Synced, $"{session.Name} {symbol}");
                sync.Counters.Gaps.Should().Be(0);
                sync.Counters.Resyncs.Should().Be(0);
                sync.Counters.SnapshotsLoaded.Should().Be(1);
                sync.Counters.Applied.Should().Be(expected.Applied, symbol);
                sync.LastUpdateId.Should().Be(expected.Sequence);
                AssertSideEqual(sync.Book.ToArray(BookSide.Bid), expected.Bids, symbol);
                AssertSideEqual(sync.Book.ToArray(BookSide.Ask), expected.Asks, symbol);
                if (depth == KuCoinSnapshotDepth.Full)
                {
                    sync.BidCoverageFloor.Should().BeNull("the full snapshot covers the whole book");
                    sync.AskCoverageCeiling.Should().BeNull();
                }
            }

            books.Sum(b => b.Sync.Counters.Applied).Should().BeGreaterThan(0);
        }
    }

    [Fact]
    public void Replay_RecordedSession_CountsTradesTickersControlAndNamesInstruments()
    {
        var engine = new ReplayEngine(new VenueRegistry(KuCoinProtocol.All()));
        var files = CaptureFile.GroupSessions([SharedData.PathOf("kucoin")]).Single(s => s[0].Contains("2021-04-25", StringComparison.Ordinal));

        var session = engine.Run("kucoin", files);

        session.Books["kucoin:BCHSV-USDT"].Instrument.Canonical.Should().Be("BCHSV-USDT");
        session.Books["kucoin:ANKR-BTC"].Instrument.QuoteAsset.Should().Be("BTC");
        session.Books.Values.Sum(b => b.TradeCount).Should().Be(5, "the README counts 5 trade.l3match frames");
        session.Books.Values.Count(b => b.LastVenueBbo is not null).Should().BeGreaterThan(0, "trade.ticker frames become BBOs");
        session.ControlFrames.Should().Be(14, "1 welcome + 13 acks");
        session.IgnoredFrames.Should().Be(2, "trade.candles.add frames are valid but unused");
        session.RejectedFrames.Should().Be(0);
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
