using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;
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
    [Fact]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner()
    {
        var frames = ParserDifferential.RecordedFrames("bybit").ToList();
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
        var random = new Random(1417);
        var frames = ParserDifferential.RecordedFrames("bybit").ToList();
        var differential = Differential(frames);
        // Every v5 push and every fourth v2 push (3,000 of them).
        var v5 = frames.Where(f => f.Frame.AsSpan().IndexOf("\"topic\":\"orderbook."u8) >= 0).ToList();
        var v2 = frames.Where(f => f.Frame.AsSpan().IndexOf("\"topic\":\"orderBookL2_25."u8) >= 0).Where((_, i) => i % 4 == 0).ToList();
        v5.Should().NotBeEmpty();
        v2.Should().NotBeEmpty();
        var diffs = v5.Concat(v2).ToList();
        foreach (var (frame, time) in diffs)
        {
            for (var kind = 0; kind < FrameDamage.Kinds; kind++)
            {
                differential.Check(FrameDamage.Apply(frame, kind, random), time);
            }
        }

        differential.Rejected.Should().BeGreaterThan(diffs.Count / 8, "most damage is rejected, on both paths alike");
    }

    [Fact]
    public void EveryRecordedV5OrderBookPush_IsReadByTheScanner()
    {
        var frames = ParserDifferential.RecordedFrames("bybit")
            .Where(f => f.Frame.AsSpan().IndexOf("\"topic\":\"orderbook."u8) >= 0)
            .ToList();
        var symbols = new SymbolCache(new SymbolTable([], acceptUnknown: true));
        frames.Should().NotBeEmpty();
        foreach (var (frame, time) in frames)
        {
            BybitOrderBookScanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, time, out var bookEvent)
                .Should().BeTrue($"a recorded v5 order-book push has the documented shape: {System.Text.Encoding.UTF8.GetString(frame[..Math.Min(200, frame.Length)])}");
            bookEvent.ReturnLevels();
        }
    }

    [Fact]
    public void EveryRecordedV2OrderBookPush_IsReadByTheLegacyScanner()
    {
        var frames = ParserDifferential.RecordedFrames("bybit")
            .Where(f => f.Frame.AsSpan().IndexOf("\"topic\":\"orderBookL2_25."u8) >= 0)
            .ToList();
        var symbols = new SymbolCache(new SymbolTable([], acceptUnknown: true));
        frames.Should().HaveCountGreaterThan(3000);
        foreach (var (frame, time) in frames)
        {
            BybitLegacyOrderBookScanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, time, out var bookEvent)
                .Should().BeTrue($"a recorded v2 order-book push has the recorded shape: {System.Text.Encoding.UTF8.GetString(frame[..Math.Min(300, frame.Length)])}");
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
            new BybitFrameParser(new SymbolTable(known)),
            new BybitFrameParser(new SymbolTable(known)) { UseScanner = false });
    }

    [GeneratedRegex("\"topic\":\"[A-Za-z0-9_]+\\.(?:[0-9]+\\.)?([A-Z0-9]+)\"")]
    private static partial Regex Symbol();
}
