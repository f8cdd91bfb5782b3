using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;
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
    [Fact]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner()
    {
        var frames = ParserDifferential.RecordedFrames("kraken").ToList();
        var differential = Differential(frames);
        foreach (var (frame, time) in frames)
        {
            differential.Check(frame, time);
        }

        differential.Frames.Should().Be(frames.Count);
        differential.Rejected.Should().BeGreaterThan(0, "one recorded pair is left out of the table, so its frames are rejected on both paths");
    }

    [Fact]
    public void DamagedBookFrames_SameEventsOrRejectionsWithAndWithoutScanner()
    {
        var random = new Random(1414);
        var frames = ParserDifferential.RecordedFrames("kraken").ToList();
        var differential = Differential(frames);
        var books = frames.Where(f => f.Frame.AsSpan().IndexOf("\"book-"u8) >= 0 && f.Frame[0] == (byte)'[').ToList();
        books.Should().NotBeEmpty();
        foreach (var (frame, time) in books.Where((_, i) => i % 4 == 0))
        {
            for (var kind = 0; kind < FrameDamage.Kinds; kind++)
            {
                differential.Check(FrameDamage.Apply(frame, kind, random), time);
            }
        }

        differential.Rejected.Should().BeGreaterThan(books.Count / 8, "most damage is rejected, on both paths alike");
    }

    [Fact]
    public void EveryRecordedBookFrame_IsReadByTheScanner()
    {
        var frames = ParserDifferential.RecordedFrames("kraken")
            .Where(f => f.Frame.AsSpan().IndexOf("\"book-"u8) >= 0 && f.Frame[0] == (byte)'[')
            .ToList();
        var symbols = new SymbolCache(new SymbolTable([], acceptUnknown: true));
        frames.Should().NotBeEmpty();
        foreach (var (frame, time) in frames)
        {
            KrakenBookScanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, _ => 1, time, out var bookEvent)
                .Should().BeTrue($"a recorded book frame has the documented shape: {System.Text.Encoding.UTF8.GetString(frame[..Math.Min(200, frame.Length)])}");
            bookEvent.ReturnLevels();
        }
    }

    private static ParserDifferential Differential(List<(byte[] Frame, OrleansFeed.Core.Time.Timestamp Time)> frames)
    {
        // Every pair the recording names but the last: the left-out one exercises the unknown-pair rejection.
        var named = frames
            .SelectMany(f => Pair().Matches(System.Text.Encoding.UTF8.GetString(f.Frame)).Select(m => m.Groups[1].Value))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var known = named.Take(named.Count - 1).ToList();
        return new ParserDifferential(
            new KrakenFrameParser(new SymbolTable(known)),
            new KrakenFrameParser(new SymbolTable(known)) { UseScanner = false });
    }

    [GeneratedRegex("\"([A-Z0-9]+/[A-Z0-9]+)\"\\]$")]
    private static partial Regex Pair();
}
