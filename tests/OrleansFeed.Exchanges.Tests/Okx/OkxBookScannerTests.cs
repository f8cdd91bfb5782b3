using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Okx;
using OrleansFeed.Exchanges.Tests.Scanning;

namespace OrleansFeed.Exchanges.Tests.Okx;

/// <summary>
/// The OKX book scanner against the validating parser: over every frame of every OKX recording and over seeded damaged
/// copies of its book frames, both produce the same status, the same events (checksum included) and the same
/// rejections; and the scanner, not the fallback, reads every recorded book push.
/// </summary>
public sealed partial class OkxBookScannerTests
{
    private static readonly ScannerVenue Venue = new(
        "okx", InstId(), (symbols, scan) => new OkxFrameParser(symbols) { UseScanner = scan }, "instrument");

    [Fact]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner() =>
        ScannerDifferential.AssertSameOverRecording(Venue);

    [Fact]
    public void DamagedBookFrames_SameEventsOrRejectionsWithAndWithoutScanner() =>
        ScannerDifferential.AssertSameOverDamagedFrames(Venue, new Random(1416), frames =>
        {
            var books = frames.Where(f => f.Frame.AsSpan().IndexOf("\"books"u8) >= 0).ToList();
            return ([.. books.Where((_, i) => i % 2 == 0)], books.Count / 2);
        });

    [Fact]
    public void EveryRecordedBookPush_IsReadByTheScanner() =>
        ScannerDifferential.AssertScannerReadsEvery(
            "okx",
            frame => frame.AsSpan().IndexOf("\"action\""u8) >= 0 && frame.AsSpan().IndexOf("\"books"u8) >= 0,
            "book push has the documented shape",
            (frame, symbols, time) =>
            {
                var read = OkxBookScanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, time, out var bookEvent);
                bookEvent.ReturnLevels();
                return read;
            });

    [GeneratedRegex("\"instId\":\"([A-Z0-9-]+)\"")]
    private static partial Regex InstId();
}
