using OrleansFeed.Core.Books;
using FluentAssertions;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.TestKit.Captures;
using Xunit;

namespace OrleansFeed.Exchanges.Tests.Robustness;

/// <summary>
/// Feeds every venue's real recording, with a seeded share of its frames damaged (truncated, bytes flipped, digits
/// replaced, values duplicated), through the live parsers and sync procedures: nothing throws, damage is counted as
/// rejected frames or caught by the sync rules, and no book that reports itself synced is crossed.
/// </summary>
public sealed class MutatedTrafficTests
{
    public static TheoryData<string> Venues() =>
        ["binance_spot", "binance_futures", "binance_coinm_futures", "kucoin", "kraken", "coinbase", "okx", "bybit", "bitfinex"];

    [Theory]
    [MemberData(nameof(Venues))]
    public void DamagedFrames_NeverThrow_AreCounted_AndNoSyncedBookIsCrossed(string folder)
    {
        // A fixed seed per folder (string.GetHashCode is randomized per process), so a failure reproduces.
        var random = new Random(folder.Aggregate(20261121, (seed, c) => (seed * 31) + c));
        var damaged = 0;
        long detected = 0;
        var engine = new ReplayEngine(AllVenues.Registry());
        var sessions = CaptureFile.GroupSessions([SharedData.PathOf(folder)]);

        foreach (var files in sessions)
        {
            var records = CaptureFile.ReadMerged(files).Select(r =>
            {
                if (r.Kind != CaptureRecordKind.Received || random.NextDouble() >= 0.03)
                {
                    return r;
                }

                damaged++;
                return r with { Payload = Damage(r.Payload.ToArray(), random) };
            }).ToList();

            var act = () => engine.Run(folder, files, records);
            var session = act.Should().NotThrow().Subject;

            foreach (var (key, book) in session.Books)
            {
                if (book.Sync.State == BookSyncState.Synced)
                {
                    book.Sync.Book.IsCrossed.Should().BeFalse($"{key} reports synced, so it must not be crossed");
                }
            }

            detected += session.RejectedFrames
                + session.Books.Values.Sum(b => b.Sync.Counters.Gaps + b.Sync.Counters.ChecksumFailures + b.Sync.Counters.Resyncs);
        }

        damaged.Should().BeGreaterThan(10);
        detected.Should().BeGreaterThan(0, "some of the damage must be detected (rejected frames, gaps, checksum failures, resyncs)");
    }

    private static byte[] Damage(byte[] frame, Random random)
    {
        if (frame.Length < 4)
        {
            return [];
        }

        switch (random.Next(5))
        {
            case 0:
                // Truncated mid-frame (a partial WebSocket message).
                return frame[..random.Next(1, frame.Length)];
            case 1:
                // One byte replaced by an arbitrary byte (may break UTF-8 or JSON).
                frame[random.Next(frame.Length)] = (byte)random.Next(256);
                return frame;
            case 2:
                // A digit replaced by another digit: valid JSON, wrong value (prices, sizes, sequence numbers).
                var digits = Enumerable.Range(0, frame.Length).Where(i => frame[i] is >= (byte)'0' and <= (byte)'9').ToArray();
                if (digits.Length > 0)
                {
                    frame[digits[random.Next(digits.Length)]] = (byte)('0' + random.Next(10));
                }

                return frame;
            case 3:
                // A quote removed: a string value runs into the next token.
                var quotes = Enumerable.Range(0, frame.Length).Where(i => frame[i] == (byte)'"').ToArray();
                if (quotes.Length == 0)
                {
                    return frame;
                }

                var removed = quotes[random.Next(quotes.Length)];
                return [.. frame.Take(removed), .. frame.Skip(removed + 1)];
            default:
                // A slice duplicated: repeated keys or array elements.
                var start = random.Next(frame.Length);
                var length = random.Next(1, Math.Min(64, frame.Length - start) + 1);
                return [.. frame.Take(start + length), .. frame.Skip(start)];
        }
    }
}
