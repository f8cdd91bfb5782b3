using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Bitfinex;
using OrleansFeed.Exchanges.Tests.Scanning;

namespace OrleansFeed.Exchanges.Tests.Bitfinex;

/// <summary>
/// The Bitfinex book scanner against the validating parser: over every frame of the Bitfinex recording (books, trades,
/// tickers, checksums, heartbeats, events) and over seeded damaged copies of its book updates, both produce the same
/// status, the same events (SEQ_ALL ids and the connection resets a sequence break causes included) and the same
/// rejections; and the scanner reads every recorded book update.
/// </summary>
public sealed partial class BitfinexBookScannerTests
{
    private static readonly ScannerVenue Venue = new(
        "bitfinex", Symbol(), (symbols, scan) => new BitfinexFrameParser(symbols) { UseScanner = scan });

    [Fact]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner() =>
        ScannerDifferential.AssertSameOverRecording(Venue);

    [Fact]
    public void DamagedBookFrames_SameEventsOrRejectionsWithAndWithoutScanner() =>
        ScannerDifferential.AssertSameOverDamagedFrames(Venue, new Random(1418), frames =>
        {
            var diffs = frames.Where(f => IsBookUpdate(f.Frame)).ToList();
            return ([.. diffs.Where((_, i) => i % 4 == 0)], diffs.Count / 8);
        });

    [Fact]
    public void EveryRecordedBookUpdate_IsReadByTheScanner() =>
        ScannerDifferential.AssertScannerReadsEvery(
            "bitfinex",
            IsBookUpdate,
            "book update has the documented shape",
            (frame, _, _) =>
            {
                if (!BitfinexBookScanner.TryScan(frame, ParseLimits.Default.MaxLevelsPerMessage, out _, out var snapshot, out var levels, out var count, out var sequence))
                {
                    return false;
                }

                snapshot.Should().BeFalse();
                count.Should().Be(1);
                sequence.Should().BePositive();
                System.Buffers.ArrayPool<OrleansFeed.Exchanges.Common.Events.LevelUpdate>.Shared.Return(levels!);
                return true;
            },
            moreThan: 20_000,
            shown: int.MaxValue);

    private static bool IsBookUpdate(byte[] frame) => BookUpdate().IsMatch(System.Text.Encoding.UTF8.GetString(frame));

    [GeneratedRegex("\"symbol\":\"(t[A-Za-z0-9:]+)\"")]
    private static partial Regex Symbol();

    // A book update in plain decimal notation, with its SEQ_ALL sequence (tickers have ten numbers, trades a "te").
    [GeneratedRegex("^\\[[0-9]+,\\[-?[0-9.]+,[0-9]+,-?[0-9.]+\\],[0-9]+\\]$")]
    private static partial Regex BookUpdate();
}
