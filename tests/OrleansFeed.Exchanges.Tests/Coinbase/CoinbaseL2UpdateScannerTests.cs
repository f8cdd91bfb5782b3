using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Coinbase;
using OrleansFeed.Exchanges.Tests.Scanning;

namespace OrleansFeed.Exchanges.Tests.Coinbase;

/// <summary>
/// The Coinbase l2update scanner against the validating parser: over every frame of the Coinbase Exchange recording
/// (snapshots, l2updates, matches, tickers, control frames) and over seeded damaged copies of its l2updates, both
/// produce the same status, the same events (exchange times included) and the same rejections; and the scanner, not
/// the fallback, reads every recorded l2update.
/// </summary>
public sealed partial class CoinbaseL2UpdateScannerTests
{
    private static readonly ScannerVenue Venue = new(
        "coinbase", Symbol(), (symbols, scan) => new CoinbaseExchangeFrameParser(symbols) { UseScanner = scan });

    [Fact]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner() =>
        ScannerDifferential.AssertSameOverRecording(Venue);

    [Fact]
    public void DamagedBookFrames_SameEventsOrRejectionsWithAndWithoutScanner() =>
        ScannerDifferential.AssertSameOverDamagedFrames(Venue, new Random(1419), frames =>
        {
            var diffs = frames.Where(f => IsL2Update(f.Frame)).ToList();
            return ([.. diffs.Where((_, i) => i % 4 == 0)], diffs.Count / 8);
        });

    [Fact]
    public void EveryRecordedL2Update_IsReadByTheScanner() =>
        ScannerDifferential.AssertScannerReadsEvery("coinbase", IsL2Update, "l2update has the documented shape", (frame, symbols, time) =>
        {
            var read = CoinbaseL2UpdateScanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, time, out var bookEvent);
            bookEvent.ReturnLevels();
            return read;
        });

    private static bool IsL2Update(byte[] frame) => frame.AsSpan().IndexOf("\"type\":\"l2update\""u8) >= 0;

    [GeneratedRegex("\"product_id\":\"([A-Z0-9]+-[A-Z0-9]+)\"")]
    private static partial Regex Symbol();
}
