using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;
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
    [Fact]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner()
    {
        var frames = ParserDifferential.RecordedFrames("kucoin").ToList();
        var differential = Differential(frames);
        foreach (var (frame, time) in frames)
        {
            differential.Check(frame, time);
        }

        differential.Frames.Should().Be(frames.Count);
        differential.Rejected.Should().BeGreaterThan(0, "one recorded symbol is left out of the table, so its frames are rejected on both paths");
    }

    [Fact]
    public void DamagedBookFrames_SameEventsOrRejectionsWithAndWithoutScanner()
    {
        var random = new Random(1415);
        var frames = ParserDifferential.RecordedFrames("kucoin").ToList();
        var differential = Differential(frames);
        var diffs = frames.Where(f => f.Frame.AsSpan().IndexOf("trade.l2update"u8) >= 0).ToList();
        diffs.Should().NotBeEmpty();
        foreach (var (frame, time) in diffs.Where((_, i) => i % 4 == 0))
        {
            for (var kind = 0; kind < FrameDamage.Kinds; kind++)
            {
                differential.Check(FrameDamage.Apply(frame, kind, random), time);
            }
        }

        differential.Rejected.Should().BeGreaterThan(diffs.Count / 8, "most damage is rejected, on both paths alike");
    }

    [Fact]
    public void EveryRecordedDiff_IsReadByTheScanner()
    {
        var frames = ParserDifferential.RecordedFrames("kucoin")
            .Where(f => f.Frame.AsSpan().IndexOf("trade.l2update"u8) >= 0)
            .ToList();
        var symbols = new SymbolCache(new SymbolTable([], acceptUnknown: true));
        frames.Should().NotBeEmpty();
        foreach (var (frame, time) in frames)
        {
            KuCoinLevel2Scanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, time, out var bookEvent)
                .Should().BeTrue($"a recorded diff has the documented shape: {System.Text.Encoding.UTF8.GetString(frame[..Math.Min(200, frame.Length)])}");
            bookEvent.ReturnLevels();
        }
    }

    private static ParserDifferential Differential(List<(byte[] Frame, OrleansFeed.Core.Time.Timestamp Time)> frames)
    {
        // Every symbol the recording names but the last: the left-out one exercises the unknown-symbol rejection.
        var named = frames
            .SelectMany(f => Symbol().Matches(System.Text.Encoding.UTF8.GetString(f.Frame)).Select(m => m.Groups[1].Value))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var known = named.Take(named.Count - 1).ToList();
        return new ParserDifferential(
            new KuCoinFrameParser(new SymbolTable(known)),
            new KuCoinFrameParser(new SymbolTable(known)) { UseScanner = false });
    }

    [GeneratedRegex("\"symbol\":\"([A-Z0-9]+-[A-Z0-9]+)\"")]
    private static partial Regex Symbol();
}
