using OrleansFeed.Core.Quotes;
using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Kraken;

namespace OrleansFeed.Exchanges.Tests.Kraken;

/// <summary>Verifies that parsing, applying and checksum-verifying a Kraken update allocates nothing in steady state.</summary>
public class KrakenAllocationTests
{
    [Fact]
    public void ParseApplyVerify_SteadyState_AllocatesNothing()
    {
        var frames = KrakenRecordedFramesTests.UsdcGbpFrames.Select(Encoding.UTF8.GetBytes).ToArray();
        var sync = new KrakenBookSync();
        var sink = new CountingSink(sync);
        var parser = new KrakenFrameParser(new SymbolTable([], acceptUnknown: true));
        parser.Parse(frames[0], new Timestamp(1), sink);

        // Frames 1 and 2 remove and restore the same level outside the top 10: alternating them keeps every checksum valid.
        for (var i = 0; i < 200; i++)
        {
            parser.Parse(frames[1 + (i % 2)], new Timestamp(2), sink);
        }

        // Three measured rounds of 1,000 updates: a per-update allocation shows in every round (≥ 1,000 × its size), while
        // a one-off in the runtime (a lazy initialisation when tiered compilation swaps code in, seen once in a loaded
        // full-suite run) shows in one round only. Steady state means a round that allocates nothing at all.
        var rounds = new long[3];
        for (var round = 0; round < rounds.Length; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                parser.Parse(frames[1 + (i % 2)], new Timestamp(3), sink);
            }

            rounds[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        sync.Counters.ChecksumFailures.Should().Be(0);
        sync.Counters.ChecksumsVerified.Should().Be(3200);
        sink.Applied.Should().Be(3200);
        rounds.Min().Should().Be(0, "rounds allocated {0} bytes", string.Join(", ", rounds));
        rounds.Max().Should().BeLessThan(1000, "no round allocates per update");
    }

    private sealed class CountingSink(IBookSynchronizer sync) : IMarketEventSink
    {
        public int Applied { get; private set; }

        public void OnBookEvent(in BookEvent bookEvent)
        {
            if (sync.OnEvent(bookEvent, listener: null).Action == SyncAction.Applied)
            {
                Applied++;
            }
        }

        public void OnTrade(string symbol, in Core.Trades.Trade trade)
        {
        }

        public void OnBestBidOffer(string symbol, in BestBidOffer bbo)
        {
        }

        public void OnRejected(FrameRejectReason reason, string? symbol) => Applied = int.MinValue;

        public void OnServerShutdownNotice()
        {
        }
    }
}
