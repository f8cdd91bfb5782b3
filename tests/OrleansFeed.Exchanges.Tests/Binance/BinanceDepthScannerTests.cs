using System.Text.RegularExpressions;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Tests.Scanning;

namespace OrleansFeed.Exchanges.Tests.Binance;

/// <summary>
/// The Binance depth scanner against the validating parser: over every frame of every Binance recording and over seeded
/// damaged copies of their depth frames, both produce the same status, the same events and the same rejections; and
/// the scanner, not the fallback, reads every recorded <c>depthUpdate</c>.
/// </summary>
public sealed partial class BinanceDepthScannerTests
{
    public static TheoryData<string> Folders() => ["binance_spot", "binance_futures", "binance_coinm_futures", "binance_us_spot"];

    [Theory]
    [MemberData(nameof(Folders))]
    public void EveryRecordedFrame_SameEventsOrRejectionsWithAndWithoutScanner(string folder) =>
        ScannerDifferential.AssertSameOverRecording(Venue(folder));

    [Theory]
    [MemberData(nameof(Folders))]
    public void DamagedDepthFrames_SameEventsOrRejectionsWithAndWithoutScanner(string folder) =>
        ScannerDifferential.AssertSameOverDamagedFrames(Venue(folder), new Random(folder.Aggregate(1414, (seed, c) => (seed * 31) + c)), frames =>
        {
            var depth = frames.Where(f => IsDepthUpdate(f.Frame)).ToList();
            return ([.. depth.Where((_, i) => i % 3 == 0)], depth.Count / 3);
        });

    [Theory]
    [MemberData(nameof(Folders))]
    public void EveryRecordedDepthUpdate_IsReadByTheScanner(string folder) =>
        ScannerDifferential.AssertScannerReadsEvery(
            folder,
            IsDepthUpdate,
            "depth frame has the documented shape",
            (frame, symbols, time) =>
            {
                var read = BinanceDepthScanner.TryScan(frame, symbols, ParseLimits.Default.MaxLevelsPerMessage, time, out var diff);
                diff.ReturnLevels();
                return read;
            },
            shown: int.MaxValue);

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

    private static ScannerVenue Venue(string folder) =>
        new(folder, Symbol(), (symbols, scan) => new BinanceFrameParser(symbols) { UseScanner = scan });

    private static bool IsDepthUpdate(byte[] frame) => frame.AsSpan().IndexOf("\"depthUpdate\""u8) >= 0;

    [GeneratedRegex("\"s\":\"([A-Z0-9_]+)\"")]
    private static partial Regex Symbol();
}
