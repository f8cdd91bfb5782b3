using System.Text.RegularExpressions;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Bitfinex;
using OrleansFeed.Exchanges.Tests.Scanning;

namespace OrleansFeed.Exchanges.Tests.Bitfinex;

/// <summary>
/// The Bitfinex book scanner against the validating parser: over every frame of the Bitfinex recording (books, trades,
/// tickers, checksums, heartbeats, events) and over seeded damaged copies of its book updates, both produce the same
/// status, the same events (SEQ_ALL ids and the connection resets a sequence break causes included) and the same
/// rejections; and the scanner reads every recorded book update.
/// </summary>
public sealed partial class BitfinexBookScannerTests
{
    [Fact]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner()
    {
        var frames = ParserDifferential.RecordedFrames("bitfinex").ToList();
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
        var random = new Random(1418);
        var frames = ParserDifferential.RecordedFrames("bitfinex").ToList();
        var differential = Differential(frames);
        var diffs = frames.Where(f => BookUpdate().IsMatch(System.Text.Encoding.UTF8.GetString(f.Frame))).ToList();
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
    public void EveryRecordedBookUpdate_IsReadByTheScanner()
    {
        var frames = ParserDifferential.RecordedFrames("bitfinex")
            .Where(f => BookUpdate().IsMatch(System.Text.Encoding.UTF8.GetString(f.Frame)))
            .ToList();
        frames.Should().HaveCountGreaterThan(20_000);
        foreach (var (frame, _) in frames)
        {
            BitfinexBookScanner.TryScan(frame, ParseLimits.Default.MaxLevelsPerMessage, out _, out var snapshot, out var levels, out var count, out var sequence)
                .Should().BeTrue($"a recorded book update has the documented shape: {System.Text.Encoding.UTF8.GetString(frame)}");
            snapshot.Should().BeFalse();
            count.Should().Be(1);
            sequence.Should().BePositive();
            System.Buffers.ArrayPool<OrleansFeed.Exchanges.Common.Events.LevelUpdate>.Shared.Return(levels!);
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
            new BitfinexFrameParser(new SymbolTable(known)),
            new BitfinexFrameParser(new SymbolTable(known)) { UseScanner = false });
    }

    [GeneratedRegex("\"symbol\":\"(t[A-Za-z0-9:]+)\"")]
    private static partial Regex Symbol();

    // A book update in plain decimal notation, with its SEQ_ALL sequence (tickers have ten numbers, trades a "te").
    [GeneratedRegex("^\\[[0-9]+,\\[-?[0-9.]+,[0-9]+,-?[0-9.]+\\],[0-9]+\\]$")]
    private static partial Regex BookUpdate();
}
