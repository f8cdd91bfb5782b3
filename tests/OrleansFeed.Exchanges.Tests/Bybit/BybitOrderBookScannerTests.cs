using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Bybit;
using OrleansFeed.Exchanges.Tests.Scanning;

namespace OrleansFeed.Exchanges.Tests.Bybit;

/// <summary>
/// The Bybit v5 order-book scanner against the validating parser: and the v2 legacy scanner against the validating parser:
/// over every frame of every Bybit recording (v5 and v2 order-book pushes, v2 trades, control frames) and over seeded
/// damaged copies of the order-book pushes, both produce the same status, the same events (ids and exchange time
/// included) and the same rejections; and the scanners, not the fallback, read every recorded order-book push.
/// </summary>
public sealed partial class BybitOrderBookScannerTests
{
    private static readonly ScannerVenue Venue = new(
        "bybit", Symbol(), (symbols, scan) => new BybitFrameParser(symbols) { UseScanner = scan });

    [Fact]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner() =>
        ScannerDifferential.AssertSameOverRecording(Venue);

    [Fact]
    public void DamagedBookFrames_SameEventsOrRejectionsWithAndWithoutScanner() =>
        ScannerDifferential.AssertSameOverDamagedFrames(Venue, new Random(1417), frames =>
        {
            // Every v5 push and every fourth v2 push (3,000 of them).
            var v5 = frames.Where(f => IsV5Push(f.Frame)).ToList();
            var v2 = frames.Where(f => IsV2Push(f.Frame)).Where((_, i) => i % 4 == 0).ToList();
            v5.Should().NotBeEmpty();
            v2.Should().NotBeEmpty();
            var diffs = v5.Concat(v2).ToList();
            return (diffs, diffs.Count / 8);
        });

    [Fact]
    public void EveryRecordedV5OrderBookPush_IsReadByTheScanner() =>
        ScannerDifferential.AssertScannerReadsEvery("bybit", IsV5Push, "v5 order-book push has the documented shape", (frame, symbols, time) =>
        {
            var read = BybitOrderBookScanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, time, out var bookEvent);
            bookEvent.ReturnLevels();
            return read;
        });

    [Fact]
    public void EveryRecordedV2OrderBookPush_IsReadByTheLegacyScanner() =>
        ScannerDifferential.AssertScannerReadsEvery(
            "bybit",
            IsV2Push,
            "v2 order-book push has the recorded shape",
            (frame, symbols, time) =>
            {
                var read = BybitLegacyOrderBookScanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, time, out var bookEvent);
                bookEvent.ReturnLevels();
                return read;
            },
            moreThan: 3000,
            shown: 300);

    private static bool IsV5Push(byte[] frame) => frame.AsSpan().IndexOf("\"topic\":\"orderbook."u8) >= 0;

    private static bool IsV2Push(byte[] frame) => frame.AsSpan().IndexOf("\"topic\":\"orderBookL2_25."u8) >= 0;

    [GeneratedRegex("\"topic\":\"[A-Za-z0-9_]+\\.(?:[0-9]+\\.)?([A-Z0-9]+)\"")]
    private static partial Regex Symbol();
}
