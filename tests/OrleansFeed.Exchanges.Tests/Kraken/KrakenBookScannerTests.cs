using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Kraken;
using OrleansFeed.Exchanges.Tests.Scanning;

namespace OrleansFeed.Exchanges.Tests.Kraken;

/// <summary>
/// The Kraken v1 book scanner against the validating parser: over every frame of every Kraken recording (book, trade
/// and ticker connections) and over seeded damaged copies of its book frames, both produce the same status, the same
/// events (checksum, depth, message numbers and level times included) and the same rejections; and the scanner, not the
/// fallback, reads every recorded book frame.
/// </summary>
public sealed partial class KrakenBookScannerTests
{
    private static readonly ScannerVenue Venue = new(
        "kraken", Pair(), (symbols, scan) => new KrakenFrameParser(symbols) { UseScanner = scan }, "pair");

    [Fact]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner() =>
        ScannerDifferential.AssertSameOverRecording(Venue);

    [Fact]
    public void DamagedBookFrames_SameEventsOrRejectionsWithAndWithoutScanner() =>
        ScannerDifferential.AssertSameOverDamagedFrames(Venue, new Random(1414), frames =>
        {
            var books = frames.Where(f => IsBookFrame(f.Frame)).ToList();
            return ([.. books.Where((_, i) => i % 4 == 0)], books.Count / 8);
        });

    [Fact]
    public void EveryRecordedBookFrame_IsReadByTheScanner() =>
        ScannerDifferential.AssertScannerReadsEvery("kraken", IsBookFrame, "book frame has the documented shape", (frame, symbols, time) =>
        {
            var read = KrakenBookScanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, _ => 1, time, out var bookEvent);
            bookEvent.ReturnLevels();
            return read;
        });

    private static bool IsBookFrame(byte[] frame) => frame.AsSpan().IndexOf("\"book-"u8) >= 0 && frame[0] == (byte)'[';

    [GeneratedRegex("\"([A-Z0-9]+/[A-Z0-9]+)\"\\]$")]
    private static partial Regex Pair();
}
