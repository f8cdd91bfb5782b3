using System.Globalization;
using System.Text;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Kraken;

namespace OrleansFeed.Exchanges.Tests.Kraken;

/// <summary>Verifies a depth-10 v1 stream through the replay engine: levels pushed out of the window are trimmed and a republished level comes back, with every checksum matching.</summary>
public class KrakenDepthReplayTests
{
    private const string Url = "wss://ws.kraken.com";

    [Fact]
    public void Replay_Book10StreamWithOverflowAndRepublish_TrimsToTenAndVerifiesEveryChecksum()
    {
        // The venue's view: 12 bids exist, the subscription shows the best 10.
        var bids = Enumerable.Range(0, 12).Select(i => ($"{100 - i}.0", "1.00000000")).ToList();
        var asks = Enumerable.Range(0, 10).Select(i => ($"{101 + i}.0", "2.00000000")).ToList();
        var frames = new List<string>
        {
            """{"channelID":42,"channelName":"book-10","event":"subscriptionStatus","pair":"XBT/USD","status":"subscribed","subscription":{"depth":10,"name":"book"}}""",
            $$"""[42,{"as":[{{Levels(asks)}}],"bs":[{{Levels(bids.Take(10))}}]},"book-10","XBT/USD"]""",
        };

        // 1) A better bid enters: Kraken sends no delete for the bid (91.0) pushed out of the window.
        bids.Insert(0, ("100.5", "3.00000000"));
        frames.Add(Update("b", [("100.5", "3.00000000")], bids, asks));

        // 2) Out of scope, 91.0 is cancelled on the venue: nothing is sent. Then the best bid is deleted and the level
        //    that comes back into scope (90.0) is republished with "r". A book that kept 91.0 would now fail the checksum.
        bids.Remove(("91.0", "1.00000000"));
        bids.RemoveAt(0);
        frames.Add(Update("b", [("100.5", "0.00000000", (string?)null), ("90.0", "1.00000000", "r")], bids, asks));

        var records = new List<CaptureRecord> { new(new Timestamp(1), CaptureRecordKind.Open, Url, ReadOnlyMemory<byte>.Empty) };
        records.AddRange(frames.Select((f, i) => new CaptureRecord(new Timestamp(2 + i), CaptureRecordKind.Received, Url, Encoding.UTF8.GetBytes(f))));

        var session = new ReplayEngine(new VenueRegistry(KrakenProtocol.All())).Run("book-10", [], records);

        session.RejectedFrames.Should().Be(0);
        var book = session.Books["kraken:XBT/USD"];
        book.Sync.State.Should().Be(BookSyncState.Synced);
        book.Sync.Counters.ChecksumsVerified.Should().Be(2);
        book.Sync.Counters.ChecksumFailures.Should().Be(0);
        book.Sync.Book.BidCount.Should().Be(10);
        book.Sync.Book.ToArray(BookSide.Bid).Select(l => l.Price.ToString()).Should().Equal(bids.Take(10).Select(b => b.Item1));
        book.Sync.Book.TryGetSize(BookSide.Bid, FixedDecimal.Parse("91.0"), out _).Should().BeFalse("it was trimmed when pushed out of the window");
    }

    private static string Update(string side, (string Price, string Size, string? Flag)[] levels, List<(string, string)> bids, List<(string, string)> asks)
    {
        var body = string.Join(',', levels.Select(l => l.Flag is null
            ? $"[\"{l.Price}\",\"{l.Size}\",\"1617666423.000001\"]"
            : $"[\"{l.Price}\",\"{l.Size}\",\"1617640142.435065\",\"{l.Flag}\"]"));
        var checksum = KrakenChecksum.Compute(Book(bids.Take(10), asks)).ToString(CultureInfo.InvariantCulture);
        return $$"""[42,{"{{side}}":[{{body}}],"c":"{{checksum}}"},"book-10","XBT/USD"]""";
    }

    private static string Update(string side, (string Price, string Size)[] levels, List<(string, string)> bids, List<(string, string)> asks) =>
        Update(side, levels.Select(l => (l.Price, l.Size, (string?)null)).ToArray(), bids, asks);

    private static string Levels(IEnumerable<(string Price, string Size)> levels) =>
        string.Join(',', levels.Select(l => $"[\"{l.Price}\",\"{l.Size}\",\"1617666423.000001\"]"));

    private static OrderBook Book(IEnumerable<(string Price, string Size)> bids, IEnumerable<(string Price, string Size)> asks)
    {
        var book = new OrderBook();
        foreach (var (price, size) in bids)
        {
            book.Set(BookSide.Bid, FixedDecimal.Parse(price), FixedDecimal.Parse(size));
        }

        foreach (var (price, size) in asks)
        {
            book.Set(BookSide.Ask, FixedDecimal.Parse(price), FixedDecimal.Parse(size));
        }

        return book;
    }
}
