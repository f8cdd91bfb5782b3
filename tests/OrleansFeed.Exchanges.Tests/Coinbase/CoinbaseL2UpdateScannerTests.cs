using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;
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
    [Fact]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner()
    {
        var frames = ParserDifferential.RecordedFrames("coinbase").ToList();
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
        var random = new Random(1419);
        var frames = ParserDifferential.RecordedFrames("coinbase").ToList();
        var differential = Differential(frames);
        var diffs = frames.Where(f => f.Frame.AsSpan().IndexOf("\"type\":\"l2update\""u8) >= 0).ToList();
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
    public void EveryRecordedL2Update_IsReadByTheScanner()
    {
        var frames = ParserDifferential.RecordedFrames("coinbase")
            .Where(f => f.Frame.AsSpan().IndexOf("\"type\":\"l2update\""u8) >= 0)
            .ToList();
        var symbols = new SymbolCache(new SymbolTable([], acceptUnknown: true));
        frames.Should().NotBeEmpty();
        foreach (var (frame, time) in frames)
        {
            CoinbaseL2UpdateScanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, time, out var bookEvent)
                .Should().BeTrue($"a recorded l2update has the documented shape: {System.Text.Encoding.UTF8.GetString(frame[..Math.Min(200, frame.Length)])}");
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
            new CoinbaseExchangeFrameParser(new SymbolTable(known)),
            new CoinbaseExchangeFrameParser(new SymbolTable(known)) { UseScanner = false });
    }

    [GeneratedRegex("\"product_id\":\"([A-Z0-9]+-[A-Z0-9]+)\"")]
    private static partial Regex Symbol();
}
