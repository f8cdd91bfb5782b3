using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.KuCoin;
using OrleansFeed.Exchanges.Tests.Scanning;

namespace OrleansFeed.Exchanges.Tests.KuCoin;

/// <summary>
/// The KuCoin level2 scanner against the validating parser: over every frame of every KuCoin recording (diffs, trades,
/// tickers, control frames) and over seeded damaged copies of its diffs, both produce the same status, the same events
/// (ids and each change's sequence included) and the same rejections; and the scanner, not the fallback, reads every
/// recorded diff.
/// </summary>
public sealed partial class KuCoinLevel2ScannerTests
{
    private static readonly ScannerVenue Venue = new(
        "kucoin", Symbol(), (symbols, scan) => new KuCoinFrameParser(symbols) { UseScanner = scan });

    [Fact]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner() =>
        ScannerDifferential.AssertSameOverRecording(Venue);

    [Fact]
    public void DamagedBookFrames_SameEventsOrRejectionsWithAndWithoutScanner() =>
        ScannerDifferential.AssertSameOverDamagedFrames(Venue, new Random(1415), frames =>
        {
            var diffs = frames.Where(f => IsDiff(f.Frame)).ToList();
            return ([.. diffs.Where((_, i) => i % 4 == 0)], diffs.Count / 8);
        });

    [Fact]
    public void EveryRecordedDiff_IsReadByTheScanner() =>
        ScannerDifferential.AssertScannerReadsEvery("kucoin", IsDiff, "diff has the documented shape", (frame, symbols, time) =>
        {
            var read = KuCoinLevel2Scanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, time, out var bookEvent);
            bookEvent.ReturnLevels();
            return read;
        });

    private static bool IsDiff(byte[] frame) => frame.AsSpan().IndexOf("trade.l2update"u8) >= 0;

    [GeneratedRegex("\"symbol\":\"([A-Z0-9]+-[A-Z0-9]+)\"")]
    private static partial Regex Symbol();
}
