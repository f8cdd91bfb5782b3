using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;
using OrleansFeed.Exchanges.Tests.Scanning;

namespace OrleansFeed.Exchanges.Tests.Binance;

/// <summary>
/// The Binance depth scanner against the validating parser: over every frame of every Binance recording and over seeded
/// damaged copies of their depth frames, both produce the same status, the same events and the same rejections; and
/// the scanner, not the fallback, reads every recorded <c>depthUpdate</c>.
/// </summary>
public sealed class BinanceDepthScannerTests
{
    public static TheoryData<string> Folders() => ["binance_spot", "binance_futures", "binance_coinm_futures", "binance_us_spot"];

    [Theory]
    [MemberData(nameof(Folders))]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner(string folder)
    {
        var frames = ParserDifferential.RecordedFrames(folder).ToList();
        var differential = Differential(frames);
        foreach (var (frame, time) in frames)
        {
            differential.Check(frame, time);
        }

        differential.Frames.Should().Be(frames.Count);
        differential.Rejected.Should().BeGreaterThan(0, "one recorded symbol is left out of the table, so its frames are rejected on both paths");
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void DamagedDepthFrames_SameEventsOrRejectionsWithAndWithoutScanner(string folder)
    {
        var random = new Random(folder.Aggregate(1414, (seed, c) => (seed * 31) + c));
        var frames = ParserDifferential.RecordedFrames(folder).ToList();
        var differential = Differential(frames);
        var depth = frames.Where(f => f.Frame.AsSpan().IndexOf("\"depthUpdate\""u8) >= 0).ToList();
        foreach (var (frame, time) in depth.Where((_, i) => i % 3 == 0))
        {
            for (var kind = 0; kind < FrameDamage.Kinds; kind++)
            {
                differential.Check(FrameDamage.Apply(frame, kind, random), time);
            }
        }

        differential.Rejected.Should().BeGreaterThan(depth.Count / 3, "most damage is rejected, on both paths alike");
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void EveryRecordedDepthUpdate_IsReadByTheScanner(string folder)
    {
        var frames = ParserDifferential.RecordedFrames(folder).Where(f => f.Frame.AsSpan().IndexOf("\"depthUpdate\""u8) >= 0).ToList();
        var symbols = new SymbolCache(new SymbolTable([], acceptUnknown: true));
        frames.Should().NotBeEmpty();
        foreach (var (frame, time) in frames)
        {
            BinanceDepthScanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, time, out var diff)
                .Should().BeTrue($"a recorded depth frame has the documented shape: {System.Text.Encoding.UTF8.GetString(frame)}");
            diff.ReturnLevels();
        }
    }

    [Fact]
    public void TooManyLevels_FallsBackAndIsRejectedAsBefore()
    {
        var frame = """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.0","1"],["2.0","1"]],"a":[["3.0","1"]]}}"""u8.ToArray();
        var limits = ParseLimits.Default with { MaxLevelsPerMessage = 2 };
        var differential = new ParserDifferential(
            new BinanceFrameParser(new SymbolTable(["BTCUSDT"]), limits),
            new BinanceFrameParser(new SymbolTable(["BTCUSDT"]), limits) { UseScanner = false });

        differential.Check(frame, Timestamp.FromUnixMilliseconds(5));

        differential.Rejected.Should().Be(1);
    }

    private static ParserDifferential Differential(List<(byte[] Frame, Timestamp Time)> frames)
    {
        // Every symbol the recording names but the last: the left-out one exercises the unknown-symbol rejection.
        var named = frames
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.UTF8.GetString(f.Frame), "\"s\":\"([A-Z0-9_]+)\"").Select(m => m.Groups[1].Value))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var known = named.Take(named.Count - 1).ToList();
        return new ParserDifferential(
            new BinanceFrameParser(new SymbolTable(known)),
            new BinanceFrameParser(new SymbolTable(known)) { UseScanner = false });
    }
}
