using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;
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
    [Fact]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner()
    {
        var frames = ParserDifferential.RecordedFrames("okx").ToList();
        var differential = Differential(frames);
        foreach (var (frame, time) in frames)
        {
            differential.Check(frame, time);
        }

        differential.Frames.Should().Be(frames.Count);
        differential.Rejected.Should().BeGreaterThan(0, "one recorded instrument is left out of the table, so its frames are rejected on both paths");
    }

    [Fact]
    public void DamagedBookFrames_SameEventsOrRejectionsWithAndWithoutScanner()
    {
        var random = new Random(1416);
        var frames = ParserDifferential.RecordedFrames("okx").ToList();
        var differential = Differential(frames);
        var books = frames.Where(f => f.Frame.AsSpan().IndexOf("\"books"u8) >= 0).ToList();
        foreach (var (frame, time) in books.Where((_, i) => i % 2 == 0))
        {
            for (var kind = 0; kind < FrameDamage.Kinds; kind++)
            {
                differential.Check(FrameDamage.Apply(frame, kind, random), time);
            }
        }

        differential.Rejected.Should().BeGreaterThan(books.Count / 2, "most damage is rejected, on both paths alike");
    }

    [Fact]
    public void EveryRecordedBookPush_IsReadByTheScanner()
    {
        var frames = ParserDifferential.RecordedFrames("okx")
            .Where(f => f.Frame.AsSpan().IndexOf("\"action\""u8) >= 0 && f.Frame.AsSpan().IndexOf("\"books"u8) >= 0)
            .ToList();
        var symbols = new SymbolCache(new SymbolTable([], acceptUnknown: true));
        frames.Should().NotBeEmpty();
        foreach (var (frame, time) in frames)
        {
            OkxBookScanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, time, out var bookEvent)
                .Should().BeTrue($"a recorded book push has the documented shape: {System.Text.Encoding.UTF8.GetString(frame[..Math.Min(200, frame.Length)])}");
            bookEvent.ReturnLevels();
        }
    }

    private static ParserDifferential Differential(List<(byte[] Frame, OrleansFeed.Core.Time.Timestamp Time)> frames)
    {
        // Every instrument the recording names but the last: the left-out one exercises the unknown-symbol rejection.
        var named = frames
            .SelectMany(f => InstId().Matches(System.Text.Encoding.UTF8.GetString(f.Frame)).Select(m => m.Groups[1].Value))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var known = named.Take(named.Count - 1).ToList();
        return new ParserDifferential(
            new OkxFrameParser(new SymbolTable(known)),
            new OkxFrameParser(new SymbolTable(known)) { UseScanner = false });
    }

    [GeneratedRegex("\"instId\":\"([A-Z0-9-]+)\"")]
    private static partial Regex InstId();
}
